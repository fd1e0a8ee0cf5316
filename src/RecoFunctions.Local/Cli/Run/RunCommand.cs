using System.CommandLine;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoFunctions.Runtime.Kafka;
using RecoFunctions.Runtime;
using RecoFunctions.Local.Telemetry;
using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Runtime.Hosting;

namespace RecoFunctions.Local.Cli.Run;

/// <summary><c>reco run</c>: the pipeline on Kafka, self-hosted, until stopped.</summary>
internal static class RunCommand
{
    private static readonly TimeSpan DefaultIdlePeriod = TimeSpan.FromSeconds(2);

    public static Command Create(GlobalOptions global, RecoConsole console)
    {
        var bootstrapOption = new Option<string?>("--bootstrap", "-b")
        {
            Description = "Kafka bootstrap servers (host:port[,host:port]); overrides Kafka:BootstrapServers. Without one, reco starts an " +
                "embedded Kafka and in-process sandbox services, and points the services' BaseUrls at them.",
            HelpName = "HOST:PORT",
        };
        var groupOption = new Option<string?>("--group", "-g")
        {
            Description = "Consumer group; overrides Kafka:ConsumerGroup (default reco). Instances in one group share the partitions.",
            HelpName = "GROUP",
        };
        var durationOption = new Option<string?>("--duration")
        {
            Description = "Stop gracefully after this long: 90 (seconds), 30s, 5m, 1h or 00:01:30.",
            HelpName = "DURATION",
        };
        var untilIdleOption = new Option<string?>("--until-idle")
        {
            Description = "Stop gracefully once every partition is read to its end and nothing is in flight for this long " +
                "(default 2s when given without a value). For demos, tests and draining a backlog.",
            HelpName = "DURATION",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var summaryOption = new Option<FileInfo?>("--summary-json")
        {
            Description = "Write the final figures to this file as JSON: consumed, delivered, stale, dead-lettered (by reason), " +
                "pending, retries, throughput, latency p50/p95/p99/max in ms, duration.",
            HelpName = "FILE",
        };
        var metricsPortOption = new Option<string?>("--metrics-port")
        {
            Description = "Serve Prometheus metrics at http://*:PORT/metrics while running (0 takes a free port, printed at start). " +
                "OTLP export is configured apart, by OTEL_EXPORTER_OTLP_ENDPOINT (see docs/operations.md).",
            HelpName = "PORT",
        };
        var noLiveOption = new Option<bool>("--no-live")
        {
            Description = "No live view on a terminal: report one log line per Runtime:ReportInterval instead, as when output is redirected.",
        };

        var command = new LongRunningCommand("run",
            "Run the pipeline: consume the flows' topics in one consumer group, parse and validate, enrich and deliver in " +
            "batches, dead-letter what cannot be delivered (to <topic>.dlq, with reason and stage headers) and commit what is " +
            "finished. Shows throughput, lag, latency, dead letters and breaker states while it runs, and a summary at the end. " +
            "SIGTERM or Ctrl+C (SIGINT) stops gracefully (in-flight batches finish, offsets are committed); a second signal aborts. " +
            "Exit code: 0 stopped, 2 bad arguments or configuration, 3 Kafka unreachable, 4 records dropped by the broker before they were read, 130 aborted.")
        {
            bootstrapOption,
            groupOption,
            durationOption,
            untilIdleOption,
            summaryOption,
            metricsPortOption,
            noLiveOption,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var request = new RunRequest(
                parseResult.GetValue(global.Environment),
                parseResult.GetValue(global.Config),
                parseResult.GetValue(bootstrapOption),
                parseResult.GetValue(groupOption),
                parseResult.GetValue(durationOption),
                parseResult.GetResult(untilIdleOption) is not null,
                parseResult.GetValue(untilIdleOption),
                parseResult.GetValue(summaryOption),
                parseResult.GetValue(noLiveOption))
            {
                MetricsPort = parseResult.GetValue(metricsPortOption),
            };
            return await RunAsync(console, request, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(RecoConsole console, RunRequest request, CancellationToken cancellationToken)
    {
        // From the start, so that SIGTERM or Ctrl+C during start-up stops gracefully too, rather than the runtime's
        // default for SIGTERM (ending the process at once).
        using var signals = new ShutdownSignals(cancellationToken, console.Error);
        try
        {
            var (duration, untilIdle) = ParseDurations(request);
            var metricsPort = ParseMetricsPort(request);
            var configuration = ConfigurationLayers.Over(RecoConfiguration.Build(console, request.Environment, request.Config), Overrides(request));
            KafkaOptions kafkaOptions;
            using (var check = CommandServices.Build(configuration, (services, config) => services.AddRecoRuntime(config).AddRecoRuntimeTelemetry(config, prometheus: false)))
            {
                // Bad configuration stops here, before a broker or sandbox is started for nothing.
                kafkaOptions = check.GetRequiredService<IOptions<KafkaOptions>>().Value;
            }

            var embedded = string.IsNullOrWhiteSpace(kafkaOptions.BootstrapServers)
                ? await EmbeddedDefaults.StartAsync(kafkaOptions.EmbeddedPartitions, signals.Stopping).ConfigureAwait(false)
                : null;
            try
            {
                if (embedded is not null)
                {
                    configuration = ConfigurationLayers.Over(configuration, embedded.Sandbox.ServiceConfiguration());
                }

                var log = new RecoConsoleLoggerProvider(console.Error, TimeProvider.System);
                await using var services = CommandServices.Build(configuration, (collection, config) =>
                {
                    collection.AddRecoRuntime(config);
                    collection.AddRecoRuntimeTelemetry(config, prometheus: metricsPort is not null);
                    collection.AddCommandLogging(config, log);
                });
                await using var metrics = metricsPort is { } port ? await StartMetricsAsync(console, services, port).ConfigureAwait(false) : null;
                var bootstrap = embedded?.Kafka.BootstrapServers ?? kafkaOptions.BootstrapServers!;
                var runtime = new PipelineRuntime(services, bootstrap, groupId: null, embedded?.Kafka);
                await console.Error.WriteLineAsync(Banner(runtime, embedded)).ConfigureAwait(false);
                return await RunRuntimeAsync(console, log, request, services, runtime, embedded is not null, duration, untilIdle, signals).ConfigureAwait(false);
            }
            finally
            {
                if (embedded is not null)
                {
                    await embedded.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        catch (RecoStartupException exception)
        {
            foreach (var problem in exception.Problems)
            {
                await console.Error.WriteLineAsync($"reco run: {problem}").ConfigureAwait(false);
            }

            return ExitCodes.Usage;
        }
    }

    private static async Task<int> RunRuntimeAsync(
        RecoConsole console,
        RecoConsoleLoggerProvider log,
        RunRequest request,
        IServiceProvider services,
        PipelineRuntime runtime,
        bool embedded,
        TimeSpan? duration,
        TimeSpan? untilIdle,
        ShutdownSignals signals)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("RecoFunctions.Local.Cli.RunCommand");
        var options = services.GetRequiredService<IOptions<RuntimeOptions>>().Value;
        var hosted = services.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(signals.Stopping).ConfigureAwait(false);
        }

        using var stopAfter = duration is { } limit ? new CancellationTokenSource(limit, TimeProvider.System) : null;
        using var stopOnTime = stopAfter?.Token.Register(signals.Stop);
        using var reporting = new CancellationTokenSource();
        var reporter = new RunReporter(runtime, console, log, logger, live: console.IsTerminal && !request.NoLive, options.ReportInterval,
            $"reco run · {runtime.BootstrapServers} · group {runtime.GroupId}");
        var reportTask = reporter.RunAsync(reporting.Token);
        var run = runtime.RunAsync(signals.Stopping, signals.Aborting);
        var idleTask = untilIdle is { } quiet ? StopWhenIdleAsync(runtime, quiet, signals) : Task.CompletedTask;
        try
        {
            await run.ConfigureAwait(false);
        }
        catch (BrokerUnreachableException exception)
        {
            await console.Error.WriteLineAsync($"reco run: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }
        catch (KafkaException exception)
        {
            await console.Error.WriteLineAsync($"reco run: Kafka failed: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }
        finally
        {
            await reporting.CancelAsync().ConfigureAwait(false);
            await reportTask.ConfigureAwait(false);
            signals.Stop();
            await idleTask.ConfigureAwait(false);
            foreach (var service in hosted)
            {
                await service.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        reporter.Finish();
        var summary = RunSummary.From(runtime, runtime.Snapshot(), embedded, signals.IsAborted);
        foreach (var line in RunReport.SummaryLines(summary))
        {
            await console.Output.WriteLineAsync(line).ConfigureAwait(false);
        }

        if (request.SummaryJson is { } file)
        {
            await WriteSummaryAsync(file, summary).ConfigureAwait(false);
        }

        return signals.IsAborted ? ExitCodes.Cancelled : ExitCodes.Success;
    }

    private static async Task StopWhenIdleAsync(PipelineRuntime runtime, TimeSpan quiet, ShutdownSignals signals)
    {
        try
        {
            await runtime.WaitUntilIdleAsync(quiet, signals.Stopping).ConfigureAwait(false);
            signals.Stop();
        }
        catch (OperationCanceledException)
        {
            // Stopped for another reason.
        }
        catch (InvalidOperationException)
        {
            // The runtime ended (e.g. it could not start): nothing to wait for.
        }
    }

    private static async Task WriteSummaryAsync(FileInfo file, RunSummary summary)
    {
        try
        {
            await using var stream = new FileStream(file.FullName, FileMode.Create, FileAccess.Write, FileShare.Read);
            await using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            JsonSerializer.Serialize(writer, summary, CliJsonContext.Default.RunSummary);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new RecoStartupException($"--summary-json {file.FullName}: {exception.Message}");
        }
    }

    private static int? ParseMetricsPort(RunRequest request) => request.MetricsPort is not { } text ? null
        : MetricsPort.TryParse(text, out var port) ? port
        : throw new RecoStartupException($"--metrics-port {text}: not a port number (0 to 65535; 0 takes a free one).");

    private static async Task<MetricsEndpoint> StartMetricsAsync(RecoConsole console, IServiceProvider services, int port)
    {
        try
        {
            var endpoint = await MetricsEndpoint.StartAsync(System.Net.IPAddress.Any, port, services.GetRequiredService<OpenTelemetry.Metrics.MeterProvider>(), CancellationToken.None).ConfigureAwait(false);
            await console.Error.WriteLineAsync($"reco run: Prometheus metrics at {endpoint.Url}").ConfigureAwait(false);
            return endpoint;
        }
        catch (IOException exception)
        {
            throw new RecoStartupException($"--metrics-port {port}: {exception.Message}", exception);
        }
    }

    private static (TimeSpan? Duration, TimeSpan? UntilIdle) ParseDurations(RunRequest request)
    {
        TimeSpan? duration = null;
        if (request.Duration is { } text)
        {
            duration = Durations.TryParse(text, out var parsed) && parsed > TimeSpan.Zero
                ? parsed
                : throw new RecoStartupException($"--duration {text}: not a duration (e.g. 90, 30s, 5m, 1h or 00:01:30).");
        }

        TimeSpan? untilIdle = null;
        if (request.UntilIdle)
        {
            untilIdle = request.IdlePeriod is null ? DefaultIdlePeriod
                : Durations.TryParse(request.IdlePeriod, out var quiet) && quiet > TimeSpan.Zero ? quiet
                : throw new RecoStartupException($"--until-idle {request.IdlePeriod}: not a duration (e.g. 2, 500ms or 5s).");
        }

        return (duration, untilIdle);
    }

    private static Dictionary<string, string?> Overrides(RunRequest request)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(request.Bootstrap))
        {
            overrides[$"{KafkaOptions.SectionName}:{nameof(KafkaOptions.BootstrapServers)}"] = request.Bootstrap;
        }

        if (!string.IsNullOrWhiteSpace(request.Group))
        {
            overrides[$"{KafkaOptions.SectionName}:{nameof(KafkaOptions.ConsumerGroup)}"] = request.Group;
        }

        return overrides;
    }

    private static string Banner(PipelineRuntime runtime, EmbeddedDefaults? embedded) => embedded is null
        ? $"reco run: consuming {string.Join(", ", runtime.Topics)} from {runtime.BootstrapServers} in group {runtime.GroupId}"
        : $"reco run: no Kafka:BootstrapServers configured: embedded Kafka at {runtime.BootstrapServers}, sandbox services at {embedded.Sandbox.BaseUrl}; " +
            $"consuming {string.Join(", ", runtime.Topics)} in group {runtime.GroupId}";

    private sealed record RunRequest(
        string? Environment,
        FileInfo? Config,
        string? Bootstrap,
        string? Group,
        string? Duration,
        bool UntilIdle,
        string? IdlePeriod,
        FileInfo? SummaryJson,
        bool NoLive)
    {
        public string? MetricsPort { get; init; }
    }
}
