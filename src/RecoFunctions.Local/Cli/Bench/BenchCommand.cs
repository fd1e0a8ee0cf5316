using System.CommandLine;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using RecoFunctions.Local.Bench;
using RecoFunctions.Local.Bench.Interactions;
using RecoFunctions.Local.Bench.Report;
using RecoFunctions.Runtime.Kafka;
using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Runtime.Hosting;

namespace RecoFunctions.Local.Cli.Bench;

/// <summary><c>reco bench</c>: throughput and latency of the pipeline, side by side with a bare consumer, against the targets.</summary>
internal static class BenchCommand
{
    public static Command Create(GlobalOptions global, RecoConsole console)
    {
        var bootstrapOption = new Option<string?>("--bootstrap", "-b")
        {
            Description = "Kafka bootstrap servers; overrides Kafka:BootstrapServers. Without one, an embedded Kafka is started.",
            HelpName = "HOST:PORT",
        };
        var backlogOption = new Option<long>("--backlog")
        {
            Description = "Events pre-produced for the bare consumer and the maximum-rate phase (default 200000).",
            DefaultValueFactory = _ => 200_000,
        };
        var flowOption = new Option<string?>("--flow")
        {
            Description = "interactions: bench the interactions flow in this process instead (parse, validate, pseudonymise, aggregate; --backlog interactions, twice), checked for lost and double-counted events.",
            HelpName = "FLOW",
        };
        var warmUpOption = new Option<long>("--warmup")
        {
            Description = $"Events of the unmeasured warm-up, run first through the phases' code paths on topics of its own, in rounds until the JIT is done, so that the phases measure steady-state code (default {BenchSettings.DefaultWarmUp}; 0 skips it).",
            HelpName = "EVENTS",
            DefaultValueFactory = _ => BenchSettings.DefaultWarmUp,
        };
        var rateOption = new Option<double>("--rate")
        {
            Description = "Offered events per second in the fixed-rate phase (default 10000).",
            DefaultValueFactory = _ => 10_000,
        };
        var durationOption = Durations.Option("--duration", "How long the fixed-rate phase produces (default 60s).");
        var latencyOption = Durations.Option("--latency", "Sandbox latency per call in the fixed-rate phase (default 5ms).");
        var maxLatencyOption = Durations.Option("--max-latency", "Sandbox latency per call in the maximum-rate phase (default 0).");
        var mixedOption = new Option<bool>("--mixed")
        {
            Description = $"Add {BenchSettings.MixedInvalidShare:P0} invalid events to the throughput phases (dead-lettered at validation).",
        };
        var memoryOption = new Option<int>("--memory-bound")
        {
            Description = "Largest acceptable peak GC heap in MiB during the pipeline phases (default 512).",
            HelpName = "MIB",
            DefaultValueFactory = _ => 512,
        };
        var outOption = new Option<FileInfo?>("--out")
        {
            Description = "Write the report as JSON to this file.",
            HelpName = "FILE",
        };
        var reportOption = new Option<FileInfo?>("--report")
        {
            Description = "Write the run as a self-contained HTML page: latency percentiles per phase, throughput and lag over time, processor time per process.",
            HelpName = "FILE.html",
        };
        var strictOption = new Option<bool>("--strict")
        {
            Description = "Exit 1 when a target is missed (by default a miss is reported and the exit code is 0).",
        };

        var command = new LongRunningCommand("bench",
            "Measure the pipeline against the design targets in one run, after an unmeasured warm-up: (1) a bare consumer reading a pre-produced backlog " +
            "(the ceiling), (2) the pipeline over the same backlog at maximum rate, (3) the pipeline at a fixed offered rate with " +
            "a slow sandbox. The pipeline runs in this process; the embedded broker, the sandbox services and the fixed-rate producer each in a process " +
            "of its own. Prints a calibration figure of the machine, events/s, processor time per event of the pipeline, broker and sandbox processes, " +
            "the pipeline/bare ratio, end-to-end latency percentiles, peak memory, lost and " +
            "duplicated deliveries, and PASS/MISS per target. Exit code: 0 measured, 1 a target missed with --strict, " +
            "2 bad arguments, 3 Kafka unreachable, 4 records dropped by the broker before they were read, 70 the bench failed.")
        {
            bootstrapOption,
            flowOption,
            backlogOption,
            warmUpOption,
            rateOption,
            durationOption,
            latencyOption,
            maxLatencyOption,
            mixedOption,
            memoryOption,
            outOption,
            reportOption,
            strictOption,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var backlog = parseResult.GetValue(backlogOption);
            if (parseResult.GetValue(flowOption) is { } flow)
            {
                if (!string.Equals(flow, "interactions", StringComparison.Ordinal) || backlog < 1)
                {
                    await console.Error.WriteLineAsync($"reco bench: --flow {flow}: only 'interactions' has a bench of its own; --backlog must be positive.").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }

                return await InteractionBenchRun.RunAsync(console, parseResult.GetValue(global.Environment), parseResult.GetValue(global.Config), backlog, cancellationToken).ConfigureAwait(false);
            }

            var rate = parseResult.GetValue(rateOption);
            var memory = parseResult.GetValue(memoryOption);
            var warmUp = parseResult.GetValue(warmUpOption);
            if (backlog < 1 || !(rate > 0) || double.IsInfinity(rate) || memory < 1)
            {
                await console.Error.WriteLineAsync("reco bench: --backlog, --rate and --memory-bound must be positive.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            if (warmUp < 0)
            {
                await console.Error.WriteLineAsync("reco bench: --warmup must be 0 (no warm-up) or positive.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var settings = new BenchSettings(
                backlog,
                rate,
                parseResult.GetValue(durationOption) ?? TimeSpan.FromSeconds(60),
                parseResult.GetValue(latencyOption) ?? TimeSpan.FromMilliseconds(5),
                parseResult.GetValue(maxLatencyOption) ?? TimeSpan.Zero,
                parseResult.GetValue(mixedOption),
                memory,
                parseResult.GetValue(bootstrapOption),
                warmUp);
            if (settings.Duration <= TimeSpan.Zero)
            {
                await console.Error.WriteLineAsync("reco bench: --duration must be positive.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            settings = settings with { GlobalArguments = GlobalArguments(parseResult.GetValue(global.Environment), parseResult.GetValue(global.Config)) };
            return await RunAsync(
                console, parseResult.GetValue(global.Environment), parseResult.GetValue(global.Config), settings,
                new BenchOutputs(parseResult.GetValue(outOption), parseResult.GetValue(reportOption)), parseResult.GetValue(strictOption), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        RecoConsole console, string? environment, FileInfo? config, BenchSettings settings, BenchOutputs outputs, bool strict, CancellationToken cancellationToken)
    {
        // SIGTERM or Ctrl+C unwinds the bench, which stops its broker, sandbox and producer processes rather than leaving them behind.
        using var signals = new ShutdownSignals(cancellationToken, console.Error, "stopping the bench's broker, sandbox and producer processes");
        cancellationToken = signals.Stopping;
        try
        {
            var configuration = RecoConfiguration.Build(console, environment, config);
            var configured = configuration[$"{KafkaOptions.SectionName}:{nameof(KafkaOptions.BootstrapServers)}"];
            settings = settings with { Bootstrap = NullIfBlank(settings.Bootstrap) ?? NullIfBlank(configured) };
            var report = console.IsTerminal
                ? await BenchProgress.RunUnderSpinnerAsync(console, configuration, settings, cancellationToken).ConfigureAwait(false)
                : await BenchRunner.RunAsync(configuration, settings, console.Error, new RecoConsoleLoggerProvider(console.Error, TimeProvider.System), cancellationToken).ConfigureAwait(false);
            foreach (var line in BenchReportText.Lines(report))
            {
                await console.Output.WriteLineAsync(line).ConfigureAwait(false);
            }

            if (outputs.Json is { } output)
            {
                await WriteAsync(output, report).ConfigureAwait(false);
            }

            if (outputs.Html is { } page)
            {
                await BenchHtmlReport.WriteAsync(page, report, cancellationToken).ConfigureAwait(false);
                await console.Error.WriteLineAsync($"reco bench: report written to {page.FullName}").ConfigureAwait(false);
            }

            return strict && !report.AllPassed ? ExitCodes.Findings : ExitCodes.Success;
        }
        catch (RecoStartupException exception)
        {
            foreach (var problem in exception.Problems)
            {
                await console.Error.WriteLineAsync($"reco bench: {problem}").ConfigureAwait(false);
            }

            return ExitCodes.Usage;
        }
        catch (Exception exception) when (exception is BrokerUnreachableException or KafkaException)
        {
            await console.Error.WriteLineAsync($"reco bench: Kafka failed: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }
        catch (Exception exception) when (exception is TimeoutException or InvalidOperationException or IOException or UnauthorizedAccessException or HttpRequestException)
        {
            await console.Error.WriteLineAsync($"reco bench: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.InternalError;
        }
    }

    private static async Task WriteAsync(FileInfo file, BenchReport report)
    {
        await using var stream = new FileStream(file.FullName, FileMode.Create, FileAccess.Write, FileShare.Read);
        await JsonSerializer.SerializeAsync(stream, report, BenchJsonContext.Default.BenchReport).ConfigureAwait(false);
    }

    /// <summary>The configuration options to pass on to the bench's broker, sandbox and producer processes.</summary>
    private static List<string> GlobalArguments(string? environment, FileInfo? config)
    {
        var arguments = new List<string>();
        if (!string.IsNullOrWhiteSpace(environment))
        {
            arguments.AddRange(["--environment", environment]);
        }

        if (config is not null)
        {
            arguments.AddRange(["--config", config.FullName]);
        }

        return arguments;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
