using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Intake;
using RecoFunctions.Core.Messaging;

namespace RecoFunctions.Benchmarks;

/// <summary>The shipped samples of one flow as Kafka records, and the intake built from the shipped configuration.</summary>
internal sealed class SampleWorkload
{
    private SampleWorkload(MessageIntake intake, KafkaMessage[] messages)
    {
        Intake = intake;
        Messages = messages;
    }

    public MessageIntake Intake { get; }

    public KafkaMessage[] Messages { get; }

    public static SampleWorkload Load(string flow)
    {
        using var config = Resource("config/appsettings.json");
        var configuration = new ConfigurationBuilder().AddJsonStream(config).AddInMemoryCollection(Enabling(flow)).Build();
        var provider = new ServiceCollection().AddRecoPipeline(configuration).BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        var topic = provider.GetRequiredService<FlowRegistry>().Get(flow).Topic;

        using var samples = new StreamReader(Resource($"samples/{flow}.valid.jsonl"));
        var messages = new List<KafkaMessage>();
        var (entity, id) = flow switch
        {
            "content" => ("content", "contentId"),
            "campaign" => ("campaign", "campaignId"),
            _ => ("interaction", "userId"),
        };
        while (samples.ReadLine() is { Length: > 0 } line)
        {
            using var document = System.Text.Json.JsonDocument.Parse(line);
            var key = document.RootElement.GetProperty(entity).GetProperty(id).GetString();
            messages.Add(new KafkaMessage(topic, 0, messages.Count, key, [], DateTimeOffset.UnixEpoch, System.Text.Encoding.UTF8.GetBytes(line)));
        }

        var workload = new SampleWorkload(provider.GetRequiredService<MessageIntake>(), [.. messages]);
        workload.EnsureAllValid();
        return workload;
    }

    /// <summary>One pass over the samples; returns how many were valid, so that the work cannot be optimised away.</summary>
    public int AcceptAll()
    {
        var valid = 0;
        foreach (var message in Messages)
        {
            if (Intake.Accept(message).IsValid)
            {
                valid++;
            }
        }

        return valid;
    }

    private void EnsureAllValid()
    {
        foreach (var message in Messages)
        {
            var result = Intake.Accept(message);
            if (!result.IsValid)
            {
                throw new InvalidOperationException($"Sample {message.Offset} is invalid: {result.Reason}");
            }
        }
    }

    /// <summary>The base settings leave the interactions flow off; switch it on with a key made for benchmarks, never a secret.</summary>
    private static Dictionary<string, string?> Enabling(string flow) => flow == "interactions"
        ? new()
        {
            [$"Pipeline:Flows:{flow}:Enabled"] = "true",
            ["Privacy:PseudonymKey"] = "benchmark-pseudonym-key-not-a-secret-0123456789",
        }
        : [];

    private static Stream Resource(string name) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new FileNotFoundException($"Embedded resource {name} is missing.");
}
