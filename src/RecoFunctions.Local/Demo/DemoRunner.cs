using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Flows;
using RecoFunctions.Local.Accounting;
using RecoFunctions.Local.Bench;
using RecoFunctions.Local.Cli.Run;
using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Runtime.Hosting;
using RecoFunctions.Runtime.Kafka;
using RecoFunctions.Runtime.Windows;
using RecoFunctions.Runtime;
using RecoFunctions.Local.Workload;
using RecoFunctions.Sandbox;

namespace RecoFunctions.Local.Demo;

/// <summary>
/// The whole pipeline end to end in one process: an embedded Kafka and sandbox services, a mixed workload for both
/// flows produced while the runtime consumes it, then an audit of what the recommender received and what was
/// dead-lettered.
/// </summary>
internal sealed class DemoRunner(RecoConsole console, TimeProvider time)
{
    private const string Group = "reco-demo";
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(1);

    public async Task<(DemoSummary Summary, AuditReport Audit)> RunAsync(IConfiguration configuration, DemoSettings settings, CancellationToken cancellationToken)
    {
        var (kafkaOptions, pipeline) = CheckConfiguration(configuration);
        await using var sandbox = await SandboxHost.StartAsync(
            new SandboxOptions { Latency = settings.ServiceLatency, Seed = (int)settings.Seed }, cancellationToken).ConfigureAwait(false);
        using var kafka = EmbeddedKafka.Start(kafkaOptions.EmbeddedPartitions);
        var log = new RecoConsoleLoggerProvider(console.Error, time);
        await using var services = CommandServices.Build(ConfigurationLayers.Over(configuration, sandbox.ServiceConfiguration()), (collection, config) =>
        {
            collection.AddRecoRuntime(config);
            collection.AddCommandLogging(config, log);
        });
        foreach (var flow in services.GetRequiredService<FlowRegistry>().Flows)
        {
            kafka.EnsureTopic(flow.Topic);
            kafka.EnsureTopic(flow.DeadLetterTopic);
        }

        var runtime = new PipelineRuntime(services, kafka.BootstrapServers, Group, kafka);
        var run = await RunPipelineAsync(services, runtime, log, kafka, kafkaOptions, pipeline, settings, cancellationToken).ConfigureAwait(false);
        var reader = new DeadLetterReader(kafka.BootstrapServers, kafkaOptions, time);
        var audit = await DeliveryAudit.RunAsync(
            run.Produced.Manifest, _ => Task.FromResult(RecommenderSnapshot.Of(sandbox.Recorder)), reader, cancellationToken).ConfigureAwait(false);
        var latency = DemoLatency.From(sandbox.Recorder, run.StreamStart, run.StreamStart + settings.WarmUp);
        return (Summarize(run, audit, sandbox, runtime.Snapshot(), latency, settings), audit);
    }

    private static (KafkaOptions Kafka, PipelineOptions Pipeline) CheckConfiguration(IConfiguration configuration)
    {
        // Bad configuration stops here, before a broker or sandbox is started for nothing.
        using var check = CommandServices.Build(configuration, static (services, config) =>
        {
            services.AddRecoRuntime(config);
            services.AddRecoWorkload(config);
        });
        return (check.GetRequiredService<IOptions<KafkaOptions>>().Value, check.GetRequiredService<IOptions<PipelineOptions>>().Value);
    }

    private async Task<DemoRun> RunPipelineAsync(
        IServiceProvider services,
        PipelineRuntime runtime,
        RecoConsoleLoggerProvider log,
        EmbeddedKafka kafka,
        KafkaOptions kafkaOptions,
        PipelineOptions pipeline,
        DemoSettings settings,
        CancellationToken cancellationToken)
    {
        var hosted = services.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        using var signals = new ShutdownSignals(cancellationToken, console.Error);
        using var reporting = new CancellationTokenSource();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("RecoFunctions.Local.Demo");
        var interval = services.GetRequiredService<IOptions<RuntimeOptions>>().Value.ReportInterval;
        var reporter = new RunReporter(runtime, console, log, logger, live: console.IsTerminal && settings.Live, interval, $"reco demo · {kafka.BootstrapServers}");
        var reportTask = reporter.RunAsync(reporting.Token);
        var run = runtime.RunAsync(signals.Stopping, signals.Aborting);
        var loadAverage = MachineLoad.LoadAverage();
        var started = time.GetTimestamp();
        var streamStart = time.GetUtcNow();
        using var steady = CancellationTokenSource.CreateLinkedTokenSource(signals.Stopping);
        var steadyFrom = MarkSteadyStateAsync(runtime, settings.WarmUp, steady.Token);
        try
        {
            var withInteractions = new FlowRegistry(pipeline).Flows.Any(WindowedPartitions.IsWindowed);
            var interactions = withInteractions ? ProduceInteractionsAsync(kafka, kafkaOptions, pipeline, settings, log, signals.Stopping) : Task.FromResult<ProduceReport?>(null);
            var produced = await ProduceAsync(kafka, kafkaOptions, pipeline, settings, withInteractions, log, signals.Stopping).ConfigureAwait(false);
            var interactionsProduced = await interactions.ConfigureAwait(false);
            await WaitUntilDrainedAsync(runtime, settings.Timeout, signals.Stopping).ConfigureAwait(false);
            var lastFinished = time.GetTimestamp() - (long)(QuietPeriod.TotalSeconds * time.TimestampFrequency);
            await steady.CancelAsync().ConfigureAwait(false);
            return new DemoRun(
                produced, streamStart, time.GetElapsedTime(started, lastFinished), await steadyFrom.ConfigureAwait(false), runtime.Snapshot().Finished, lastFinished, loadAverage)
            {
                Interactions = interactionsProduced,
            };
        }
        finally
        {
            await steady.CancelAsync().ConfigureAwait(false);
            signals.Stop();
            await run.ConfigureAwait(false);
            await reporting.CancelAsync().ConfigureAwait(false);
            await reportTask.ConfigureAwait(false);
            reporter.Finish();
            foreach (var service in hosted)
            {
                await service.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The runtime's finished count and the time when the start-up part of the stream has been produced; null if the run ended first.</summary>
    private async Task<(long Finished, long At)?> MarkSteadyStateAsync(PipelineRuntime runtime, TimeSpan warmUp, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(warmUp, time, cancellationToken).ConfigureAwait(false);
            return (runtime.Progress.Finished, time.GetTimestamp());
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>The content and campaign stream; with interactions beside it, the rest of the asked count and rate, so that the demo offers what was asked in all.</summary>
    private async Task<ProduceReport> ProduceAsync(
        EmbeddedKafka kafka, KafkaOptions kafkaOptions, PipelineOptions pipeline, DemoSettings settings, bool withInteractions, RecoConsoleLoggerProvider log, CancellationToken cancellationToken)
    {
        var (interactionCount, interactionRate) = withInteractions ? InteractionsPart(settings) : (0, 0);
        var spec = WorkloadSpec.Default with { Count = settings.Count - interactionCount, Rate = settings.Rate - interactionRate, Seed = settings.Seed };
        using var producer = WorkloadProducer.CreateProducer(kafka.BootstrapServers, kafkaOptions);
        var report = await new WorkloadProducer(pipeline, time).ProduceAsync(producer, spec, cancellationToken).ConfigureAwait(false);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reco demo: produced {report.Sent:#,0} events in {report.Elapsed.TotalSeconds:0.0} s ({report.Rate:#,0}/s), {report.Failed} failed"));
        return report;
    }

    /// <summary>The interactions' part of the asked stream: a fifth of the events and of the rate.</summary>
    private static (long Count, double Rate) InteractionsPart(DemoSettings settings) => (Math.Max(1, settings.Count / 5), settings.Rate / 5);

    /// <summary>
    /// The third flow's stream beside the other two, when it is enabled: user sessions for a fifth of the events over twenty minutes of
    /// event time, with a share of late ones (dead-lettered at window). Its deliveries are windowed features, not (key, version) pairs, so
    /// the key-version audit leaves them out; the summary reports them on their own. Returns what was sent, or null when the flow is not enabled.
    /// </summary>
    private async Task<ProduceReport?> ProduceInteractionsAsync(
        EmbeddedKafka kafka, KafkaOptions kafkaOptions, PipelineOptions pipeline, DemoSettings settings, RecoConsoleLoggerProvider log, CancellationToken cancellationToken)
    {
        var (count, rate) = InteractionsPart(settings);
        var spec = WorkloadSpec.Default with
        {
            Count = count,

            // Twenty minutes of event time, ending about now: 5-minute windows and hourly ones (5-minute hop) close while the demo
            // runs, at a pace of features closer to a real stream's than a longer span squeezed into seconds would give.
            InteractionSpacing = TimeSpan.FromMinutes(20) / count,
            Rate = rate,
            Seed = settings.Seed,
            Flows = WorkloadFlows.Interactions,
            MissingShare = 0,
            HostileShare = 0,
            LateShare = 0.01,
        };
        using var producer = WorkloadProducer.CreateProducer(kafka.BootstrapServers, kafkaOptions);
        var report = await new WorkloadProducer(pipeline, time).ProduceAsync(producer, spec, cancellationToken).ConfigureAwait(false);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reco demo: produced {report.Sent:#,0} interactions in {report.Elapsed.TotalSeconds:0.0} s ({report.Rate:#,0}/s), {report.Failed} failed"));
        return report;
    }

    private static async Task WaitUntilDrainedAsync(PipelineRuntime runtime, TimeSpan timeout, CancellationToken stopping)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        limit.CancelAfter(timeout);
        try
        {
            await runtime.WaitUntilIdleAsync(QuietPeriod, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            // Out of time: the audit reports what is missing.
        }
    }

    private DemoSummary Summarize(DemoRun run, AuditReport audit, SandboxHost sandbox, RuntimeSnapshot runtime, DemoLatency latency, DemoSettings settings)
    {
        var seconds = Math.Max(run.Busy.TotalSeconds, 0.001);
        double? steadyThroughput = run.SteadyFrom is { } from && run.LastFinished > from.At
            ? Math.Round((run.Finished - from.Finished) / time.GetElapsedTime(from.At, run.LastFinished).TotalSeconds, 1)
            : null;

        // The audit's reasons name the stage and rule or service (e.g. "validate: type"), without paths: a readable tally.
        var byReason = audit.Flows
            .SelectMany(flow => flow.DeadLettersByReason.Select(pair => (Reason: $"{flow.Flow} {pair.Key}", Count: pair.Value)))
            .ToDictionary(pair => pair.Reason, pair => pair.Count, StringComparer.Ordinal);
        return new DemoSummary(
            audit.Passed,
            run.Produced.Sent,
            audit.Flows.ToDictionary(flow => flow.Flow, flow => flow.Produced, StringComparer.Ordinal),
            audit.ExpectedValidPairs,
            audit.Delivered,
            runtime.DeadLettered,
            byReason,
            audit.Lost,
            audit.DuplicatesApplied,
            audit.TransientDeadLetters,
            Math.Round(seconds, 3),
            Math.Round(run.Produced.Rate + (run.Interactions?.Rate ?? 0), 1),
            Math.Round(runtime.Finished / seconds, 1),
            RunReport.Figures(sandbox.Recorder.GetStats().Latency),
            settings.WarmUp.TotalSeconds,
            steadyThroughput,
            latency.SteadyState,
            latency.StartUp,
            latency.P99BySecondMs,
            settings.Rate,
            run.LoadAverageAtStart)
        {
            Interactions = run.Interactions is { } interactions ? InteractionsOf(interactions.Sent, sandbox, runtime) : null,
        };
    }

    private static DemoInteractions InteractionsOf(long produced, SandboxHost sandbox, RuntimeSnapshot runtime)
    {
        var counts = sandbox.Features.Counts;
        var deadLetters = runtime.DeadLetters.Where(count => count.Flow == "interactions").ToList();
        return new DemoInteractions(
            produced,
            counts.Held,
            counts.Calls,
            counts.Unchanged,
            deadLetters.Sum(count => count.Count),
            deadLetters.Where(count => count.Reason == "late").Sum(count => count.Count),
            runtime.WindowFreshness);
    }

    /// <summary>What the run measured: the stream, when it started, how long the pipeline was busy, and the runtime's finished count at the steady state's start and at the end.</summary>
    private sealed record DemoRun(
        ProduceReport Produced, DateTimeOffset StreamStart, TimeSpan Busy, (long Finished, long At)? SteadyFrom, long Finished, long LastFinished, string? LoadAverageAtStart)
    {
        /// <summary>The interactions' stream beside the others; null when the flow is not enabled.</summary>
        public ProduceReport? Interactions { get; init; }
    }
}
