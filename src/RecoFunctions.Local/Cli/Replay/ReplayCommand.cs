using System.CommandLine;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Intake;
using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Runtime.Hosting;
using RecoFunctions.Runtime.Kafka;
using RecoFunctions.Runtime;

namespace RecoFunctions.Local.Cli.Replay;

/// <summary><c>reco replay --from-dlq</c>: sends dead letters back to their original topic, e.g. after a fix.</summary>
internal static class ReplayCommand
{
    public static Command Create(GlobalOptions global, RecoConsole console)
    {
        var fromDlqOption = new Option<bool>("--from-dlq")
        {
            Description = "Replay from the flows' dead-letter topics (Pipeline:Flows:<flow>:DeadLetterTopic, default <topic>.dlq). Required: the only source so far.",
        };
        var flowOption = new Option<string?>("--flow", "-f")
        {
            Description = "Only this flow's dead letters (a name under Pipeline:Flows); all enabled flows by default.",
            HelpName = "FLOW",
        };
        var reasonOption = new Option<string?>("--reason")
        {
            Description = "Only dead letters whose reason header contains this text (any case), e.g. 'content-api: 503' or 'maxLength'.",
            HelpName = "TEXT",
        };
        var stageOption = new Option<string?>("--stage")
        {
            Description = "Only dead letters of this stage: parse, validate, enrich, deliver or workflow.",
            HelpName = "STAGE",
        };
        var dryRunOption = new Option<bool>("--dry-run")
        {
            Description = "Count what would be replayed, and where to, without producing anything.",
        };
        var bootstrapOption = new Option<string?>("--bootstrap", "-b")
        {
            Description = "Kafka bootstrap servers; overrides Kafka:BootstrapServers. Replay needs a running Kafka (reco broker starts one).",
            HelpName = "HOST:PORT",
        };

        var command = new Command("replay",
            "Read dead-letter topics from their beginning up to their current end, keep the dead letters matching --reason and " +
            "--stage, and produce their original key and value to the original topic named in their headers (else the flow's " +
            "topic). Nothing is committed, so a replay can be repeated; delivery is idempotent on key and version, so replaying " +
            "what was already delivered changes nothing. Prints counts per dead-letter topic. " +
            "Exit code: 0 done, 2 bad arguments or configuration, 3 Kafka unreachable or a record could not be produced, 4 dead letters dropped by the broker before they were read.")
        {
            fromDlqOption,
            flowOption,
            reasonOption,
            stageOption,
            dryRunOption,
            bootstrapOption,
        };

        command.SetAction((parseResult, cancellationToken) => RunAsync(
            console,
            new ReplayRequest(
                parseResult.GetValue(fromDlqOption),
                parseResult.GetValue(global.Environment),
                parseResult.GetValue(global.Config),
                parseResult.GetValue(flowOption),
                new ReplayFilter(parseResult.GetValue(reasonOption), parseResult.GetValue(stageOption)),
                parseResult.GetValue(dryRunOption),
                parseResult.GetValue(bootstrapOption)),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(RecoConsole console, ReplayRequest request, CancellationToken cancellationToken)
    {
        try
        {
            if (!request.FromDeadLetters)
            {
                throw new RecoStartupException("--from-dlq is required: dead-letter topics are the only source to replay from.");
            }

            var configuration = RecoConfiguration.Build(console, request.Environment, request.Config);
            await using var services = CommandServices.Build(configuration, (collection, settings) =>
            {
                collection.AddRecoPipeline(settings);
                collection.AddRecoKafka(settings);
                collection.AddCommandLogging(settings, console);
            });
            var options = services.GetRequiredService<IOptions<KafkaOptions>>().Value;
            var bootstrap = !string.IsNullOrWhiteSpace(request.Bootstrap) ? request.Bootstrap : options.BootstrapServers;
            if (string.IsNullOrWhiteSpace(bootstrap))
            {
                throw new RecoStartupException("replay reads a running Kafka: give --bootstrap or Kafka:BootstrapServers (reco broker starts one).");
            }

            var flows = SelectFlows(services.GetRequiredService<FlowRegistry>(), request.Flow);
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("RecoFunctions.Local.Cli.ReplayCommand");
            var metadata = await Task.Run(() => BrokerProbe.Probe(options, bootstrap, logger), cancellationToken).ConfigureAwait(false);
            if (console.IsTerminal)
            {
                // A spinner while the dead-letter topics are read; the lines print above it.
                return await LiveView.TerminalProgress.SpinnerAsync(LiveView.TerminalConsole.Create(console), "reco replay: reading the dead-letter topics", writer =>
                    Task.Run(() => Replay(writer, writer, request, options, bootstrap, flows, metadata, cancellationToken), cancellationToken)).ConfigureAwait(false);
            }

            return await Task.Run(() => Replay(console.Output, console.Error, request, options, bootstrap, flows, metadata, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (RecoStartupException exception)
        {
            foreach (var problem in exception.Problems)
            {
                await console.Error.WriteLineAsync($"reco replay: {problem}").ConfigureAwait(false);
            }

            return ExitCodes.Usage;
        }
        catch (BrokerUnreachableException exception)
        {
            await console.Error.WriteLineAsync($"reco replay: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }
        catch (KafkaException exception)
        {
            await console.Error.WriteLineAsync($"reco replay: Kafka failed: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }
    }

    private static int Replay(
        TextWriter output, TextWriter error, ReplayRequest request, KafkaOptions options, string bootstrap, IReadOnlyList<FlowDefinition> flows, Metadata metadata, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        long acknowledged = 0;
        IProducer<byte[]?, byte[]?>? producer = null;
        if (!request.DryRun)
        {
            var config = KafkaClientConfigs.Producer(options, bootstrap);
            config.MessageMaxBytes = DeadLetterPublisher.MaxRecordBytes;
            producer = new ProducerBuilder<byte[]?, byte[]?>(config).SetLogHandler((_, _) => { }).Build();
        }

        try
        {
            var replay = new DeadLetterReplay(options, bootstrap, producer is null ? null : (topic, message) =>
            {
                producer.Produce(topic, message, report =>
                {
                    lock (failures)
                    {
                        if (report.Error.IsError)
                        {
                            failures.Add($"{topic}: {report.Error.Reason}");
                        }
                        else
                        {
                            acknowledged++;
                        }
                    }
                });
                return true;
            });
            foreach (var flow in flows)
            {
                var partitions = BrokerProbe.PartitionsOf(metadata, flow.DeadLetterTopic);
                if (partitions is null)
                {
                    output.WriteLine($"{flow.DeadLetterTopic}: no such topic, nothing to replay");
                    continue;
                }

                var counts = replay.Replay(flow, partitions, request.Filter, cancellationToken);
                output.WriteLine(Describe(counts, request.DryRun));
            }

            if (producer is not null && producer.Flush(options.ConnectTimeout * 3) > 0)
            {
                failures.Add("some records were not acknowledged in time");
            }
        }
        finally
        {
            producer?.Dispose();
        }

        if (!request.DryRun)
        {
            output.WriteLine($"reco replay: {acknowledged} records republished");
        }

        foreach (var failure in failures.Distinct().Take(10))
        {
            error.WriteLine($"reco replay: could not republish: {failure}");
        }

        return failures.Count > 0 ? ExitCodes.Unavailable : ExitCodes.Success;
    }

    private static string Describe(ReplayCounts counts, bool dryRun)
    {
        var targets = counts.Targets.Count > 0 ? " to " + string.Join(", ", counts.Targets) : string.Empty;
        var action = dryRun ? $"{counts.Matched - counts.WithoutValue - counts.Redacted} would be republished{targets}" : $"{counts.Republished} republished{targets}";
        var withoutValue = counts.WithoutValue > 0 ? $", {counts.WithoutValue} skipped (written without their value)" : string.Empty;
        var redacted = counts.Redacted > 0 ? $", {counts.Redacted} skipped (user ids redacted; the originals are at their source offsets)" : string.Empty;
        var unreadable = counts.Unreadable > 0 ? $", {counts.Unreadable} unreadable (not a dead letter) left alone" : string.Empty;
        return $"{counts.DeadLetterTopic}: {counts.Scanned} dead letters, {counts.Matched} match, {action}{withoutValue}{redacted}{unreadable}";
    }

    private static List<FlowDefinition> SelectFlows(FlowRegistry registry, string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return [.. registry.Flows];
        }

        return registry.TryGetByName(name, out var flow)
            ? [flow]
            : throw new RecoStartupException($"--flow {name}: no enabled flow has this name (flows: {string.Join(", ", registry.Flows.Select(f => f.Name))}).");
    }

    private sealed record ReplayRequest(bool FromDeadLetters, string? Environment, FileInfo? Config, string? Flow, ReplayFilter Filter, bool DryRun, string? Bootstrap);
}
