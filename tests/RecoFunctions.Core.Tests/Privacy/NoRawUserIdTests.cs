using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Intake;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Tests.Support;
using RecoFunctions.Testing;
using RecoFunctions.Testing.Corpus;

namespace RecoFunctions.Core.Tests.Privacy;

/// <summary>
/// Every interactions message of the samples and the corpus through the pipeline's intake and dead-letter path as both
/// runtimes wire it: no raw user id in a mapped event, nor in a dead letter's key, headers, value or envelope.
/// </summary>
public sealed class NoRawUserIdTests : IDisposable
{
    private const string Topic = "ua.interactions.v1";
    private static readonly DateTimeOffset At = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services = TestPipeline.Services(TestPipeline.Configuration(TestPipeline.WithInteractions()), TestClock.Create());

    public static TheoryData<string, int> Messages()
    {
        var data = new TheoryData<string, int>();
        foreach (var (source, values) in Sources())
        {
            for (var index = 0; index < values.Count; index++)
            {
                data.Add(source, index);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void IntakeAndDeadLetter_AnyInteractionsMessage_NoRawUserIdLeaves(string source, int index)
    {
        var (value, key) = Sources().Single(pair => pair.Source == source).Values[index];
        var ids = RawIds(value, key);
        var intake = _services.GetRequiredService<MessageIntake>();
        var redactor = _services.GetRequiredService<DeadLetterRedactor>();
        var original = new KafkaMessage(Topic, 1, index, key, [], At, value);

        var result = intake.Accept(original);

        if (result.Event is { } accepted)
        {
            AssertFree(ids, JsonSerializer.Serialize(accepted), accepted.Key);
            return;
        }

        var deadLetter = DeadLetterRecord.From(original, result.Failure!, At, redactor);
        AssertFree(ids, deadLetter.Key, Encoding.UTF8.GetString(deadLetter.Value.Span), DeadLetterCodec.ToEnvelopeJson(deadLetter), result.Reason);
        AssertFree(ids, [.. DeadLetterCodec.ToHeaders(deadLetter).Select(header => header.Key + "=" + Encoding.UTF8.GetString(header.Value ?? []))]);
        Assert.NotEqual(DeadLetterRedaction.None, deadLetter.Redaction);
    }

    public void Dispose() => _services.Dispose();

    private static void AssertFree(IReadOnlyCollection<string> ids, params string?[] texts)
    {
        foreach (var text in texts.OfType<string>())
        {
            foreach (var id in ids)
            {
                Assert.DoesNotContain(id, text, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>The message key and whatever string the value holds at interaction.userId, where it can be read; ids too short to search for are left out.</summary>
    private static List<string> RawIds(byte[] value, string? key)
    {
        var ids = new List<string>();
        if (key is { Length: >= 3 })
        {
            ids.Add(key);
        }

        try
        {
            using var document = JsonDocument.Parse(value);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("interaction", out var interaction)
                && interaction.ValueKind == JsonValueKind.Object
                && interaction.TryGetProperty("userId", out var userId)
                && userId.ValueKind == JsonValueKind.String
                && userId.GetString() is { Length: >= 3 } text)
            {
                ids.Add(text);
            }
        }
        catch (JsonException)
        {
            // Unreadable values: the key is what identifies the user.
        }

        return ids;
    }

    private static IEnumerable<(string Source, IReadOnlyList<(byte[] Value, string? Key)> Values)> Sources()
    {
        var samples = ValidationCorpus.SplitLines(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "samples", "interactions.valid.jsonl")));
        yield return ("samples", [.. samples.Select(value => (value, (string?)UserIdOf(value)))]);
        foreach (var name in new[] { "invalid", "key" })
        {
            yield return (name, [.. ValidationCorpus.Lines("interactions", name).Select(corpusCase => (corpusCase.Value, corpusCase.Key))]);
        }

        yield return ("hostile", [.. ValidationCorpus.Hostile("interactions").Select(corpusCase => (corpusCase.Value, corpusCase.Key))]);
    }

    private static string UserIdOf(byte[] value)
    {
        using var document = JsonDocument.Parse(value);
        return document.RootElement.GetProperty("interaction").GetProperty("userId").GetString()!;
    }
}
