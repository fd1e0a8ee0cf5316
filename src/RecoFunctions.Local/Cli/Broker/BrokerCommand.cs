using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Intake;
using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Runtime.Hosting;
using RecoFunctions.Runtime.Kafka;
using RecoFunctions.Runtime.Windows;

namespace RecoFunctions.Local.Cli.Broker;

/// <summary><c>reco broker</c>: the embedded Kafka as a process of its own, for producers, several runtimes and crash tests.</summary>
internal static class BrokerCommand
{
    public static Command Create(GlobalOptions global, RecoConsole console)
    {
        var topicOption = new Option<string[]>("--topic", "-t")
        {
            Description = "An extra topic to create, NAME or NAME:PARTITIONS (repeatable). The flows' topics and dead-letter topics are always created.",
            HelpName = "NAME[:PARTITIONS]",
            AllowMultipleArgumentsPerToken = false,
        };
        var groupOption = new Option<string[]>("--group", "-g")
        {
            Description = "A consumer group whose window-state changelog topics to create for the windowed flows (repeatable; Kafka:ConsumerGroup when none). " +
                "Only the broker can create topics with a chosen partition count, so a 'reco run --bootstrap' of another group finds none.",
            HelpName = "GROUP",
            AllowMultipleArgumentsPerToken = false,
        };
        var addressFileOption = new Option<FileInfo?>("--address-file")
        {
            Description = "Also write the bootstrap address to this file (written whole once the broker is ready; removed when it stops).",
            HelpName = "FILE",
        };

        var command = new LongRunningCommand("broker",
            "Start the embedded Kafka (librdkafka's mock cluster on 127.0.0.1) and keep it up until Ctrl+C or SIGTERM. Creates " +
            "the enabled flows' topics and dead-letter topics with Kafka:EmbeddedPartitions partitions, then prints " +
            "'bootstrap: 127.0.0.1:PORT' on standard output. It keeps only the last 5 MiB (or 100,000 produce batches) of each " +
            "partition; in the Local environment (Kafka:RequireCompleteLog) a consumer that would miss dropped records stops and names the partition. " +
            "Exit code: 0 stopped, 2 bad arguments or configuration.")
        {
            topicOption,
            groupOption,
            addressFileOption,
        };

        command.SetAction((parseResult, cancellationToken) => RunAsync(
            console,
            parseResult.GetValue(global.Environment),
            parseResult.GetValue(global.Config),
            parseResult.GetValue(topicOption) ?? [],
            parseResult.GetValue(groupOption) ?? [],
            parseResult.GetValue(addressFileOption),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        RecoConsole console, string? environment, FileInfo? config, string[] extraTopics, string[] groups, FileInfo? addressFile, CancellationToken cancellationToken)
    {
        try
        {
            var configuration = RecoConfiguration.Build(console, environment, config);
            await using var services = CommandServices.Build(configuration, static (collection, settings) =>
            {
                collection.AddRecoPipeline(settings);
                collection.AddRecoKafka(settings);
            });
            var options = services.GetRequiredService<IOptions<KafkaOptions>>().Value;
            var topics = Topics(services.GetRequiredService<FlowRegistry>(), extraTopics, options.EmbeddedPartitions);
            foreach (var flow in services.GetRequiredService<FlowRegistry>().Flows.Where(WindowedPartitions.IsWindowed))
            {
                foreach (var group in groups.Length > 0 ? groups : [options.ConsumerGroup])
                {
                    topics.TryAdd(ChangelogTopics.NameOf(group, flow.Topic), topics[flow.Topic]);
                }
            }


            using var broker = EmbeddedKafka.Start(options.EmbeddedPartitions);
            foreach (var (topic, partitions) in topics)
            {
                broker.EnsureTopic(topic, partitions);
            }

            if (addressFile is not null)
            {
                WriteAddress(addressFile, broker.BootstrapServers);
            }

            using var signals = new ShutdownSignals(cancellationToken, console.Error, "shutting the broker down");
            await console.Output.WriteLineAsync($"bootstrap: {broker.BootstrapServers}").ConfigureAwait(false);
            await console.Output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            await console.Error.WriteLineAsync(
                $"reco broker: topics {string.Join(", ", topics.Select(topic => $"{topic.Key} ({topic.Value})"))}; SIGTERM or Ctrl+C stops it").ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, signals.Stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Asked to stop.
            }

            if (addressFile is not null)
            {
                RemoveAddress(addressFile, broker.BootstrapServers);
            }

            await console.Error.WriteLineAsync("reco broker: stopped").ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (RecoStartupException exception)
        {
            foreach (var problem in exception.Problems)
            {
                await console.Error.WriteLineAsync($"reco broker: {problem}").ConfigureAwait(false);
            }

            return ExitCodes.Usage;
        }
    }

    /// <summary>Flow and dead-letter topics with the default partition count, then the extras (which may set their own).</summary>
    private static Dictionary<string, int> Topics(FlowRegistry flows, string[] extras, int partitions)
    {
        var topics = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var flow in flows.Flows)
        {
            topics[flow.Topic] = partitions;
            topics[flow.DeadLetterTopic] = partitions;
        }

        foreach (var extra in extras)
        {
            var separator = extra.LastIndexOf(':');
            var name = separator < 0 ? extra : extra[..separator];
            var count = partitions;
            if ((separator >= 0 && !int.TryParse(extra[(separator + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out count))
                || count is < 1 or > 1024 || !IsTopicName(name))
            {
                throw new RecoStartupException(
                    $"--topic {extra}: expected NAME or NAME:PARTITIONS, a topic name of letters, digits, '.', '_' and '-' and 1 to 1024 partitions.");
            }

            topics[name] = count;
        }

        return topics;
    }

    private static bool IsTopicName(string name) =>
        name.Length is > 0 and <= 249 && name is not "." and not ".." && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static void WriteAddress(FileInfo file, string address)
    {
        try
        {
            // Readers polling for the file never see it half written.
            var temporary = file.FullName + ".tmp";
            File.WriteAllText(temporary, address + "\n");
            File.Move(temporary, file.FullName, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new RecoStartupException($"--address-file {file.FullName}: {exception.Message}");
        }
    }

    private static void RemoveAddress(FileInfo file, string address)
    {
        try
        {
            if (File.Exists(file.FullName) && File.ReadAllText(file.FullName).Trim() == address)
            {
                File.Delete(file.FullName);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Another broker may own the file by now; leave it.
        }
    }
}
