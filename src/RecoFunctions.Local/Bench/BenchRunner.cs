using System.Globalization;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Flows;
using RecoFunctions.Local.Accounting;
using RecoFunctions.Local.Cli;
using RecoFunctions.Local.Kafka;
using RecoFunctions.Local.Runtime;
using RecoFunctions.Local.Workload;
using RecoFunctions.Sandbox;

namespace RecoFunctions.Local.Bench;

/// <summary>
/// Runs the three phases of <c>reco bench</c> against one broker and one in-process sandbox: a bare consumer over a
/// pre-produced backlog, the pipeline over the same backlog at maximum rate, and the pipeline at a fixed offered rate.
/// Each phase has its own topics (and consumer group), so no phase sees another's events; an unmeasured warm-up over
/// topics of its own runs first.
/// </summary>
internal sealed partial class BenchRunner
{
    private const int SampleSize = 2_000;
    private const double PartitionBudgetBytes = 3.5 * 1024 * 1024;
    private static readonly TimeSpan BacklogLinger = TimeSpan.FromMilliseconds(100);

    private readonly IConfiguration _configuration;
    private readonly BenchSettings _settings;
    private readonly TextWriter _progress;
    private readonly RecoConsoleLoggerProvider _log;
    private readonly KafkaOptions _kafka;
    private readonly SandboxHost _sandbox;
    private readonly EmbeddedKafka? _embedded;
    private readonly string _bootstrap;
    private readonly string _runId;

    private BenchRunner(
        IConfiguration configuration, BenchSettings settings, TextWriter progress, RecoConsoleLoggerProvider log, KafkaOptions kafka, SandboxHost sandbox, EmbeddedKafka? embedded)
    {
        _configuration = configuration;
        _settings = settings;
        _progress = progress;
        _log = log;
        _kafka = kafka;
        _sandbox = sandbox;
        _embedded = embedded;
        _bootstrap = settings.Bootstrap ?? embedded!.BootstrapServers;
        _runId = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds().ToString("x", CultureInfo.InvariantCulture);
    }

    public static async Task<BenchReport> RunAsync(
        IConfiguration configuration, BenchSettings settings, TextWriter progress, RecoConsoleLoggerProvider log, CancellationToken cancellationToken)
    {
        KafkaOptions kafka;
        using (var check = CommandServices.Build(configuration, static (services, config) => services.AddRecoRuntime(config)))
        {
            kafka = check.GetRequiredService<IOptions<KafkaOptions>>().Value;
        }

        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions(), cancellationToken).ConfigureAwait(false);
        using var embedded = settings.Bootstrap is null ? EmbeddedKafka.Start(kafka.EmbeddedPartitions) : null;
        var runner = new BenchRunner(configuration, settings, progress, log, kafka, sandbox, embedded);
        return await runner.RunPhasesAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<BenchReport> RunPhasesAsync(CancellationToken cancellationToken)
    {
        var startedAt = TimeProvider.System.GetUtcNow();
        var loadAtStart = MachineLoad.LoadAverage();
        await _progress.WriteLineAsync($"reco bench: Kafka at {_bootstrap}{(_embedded is null ? string.Empty : " (embedded)")}, sandbox at {_sandbox.BaseUrl}").ConfigureAwait(false);

        var backlogConfiguration = PhaseConfiguration("backlog");
        await using var backlogServices = BuildServices(backlogConfiguration);
        var backlogPipeline = backlogServices.GetRequiredService<IOptions<PipelineOptions>>().Value;
        var backlogSpec = Spec(_settings.Backlog, rate: 0, seed: 1);
        var partitions = PartitionsFor(backlogPipeline, backlogSpec);
        var warmUp = await WarmUpAsync(partitions, cancellationToken).ConfigureAwait(false);
        var backlogTopics = CreateTopics(backlogServices, partitions);

        await _progress.WriteLineAsync($"reco bench: producing a backlog of {_settings.Backlog:N0} events to {string.Join(", ", backlogTopics)} ({partitions} partitions each)").ConfigureAwait(false);
        var backlog = await ProduceAsync(backlogPipeline, backlogSpec, BacklogProducerConfig(), cancellationToken).ConfigureAwait(false);

        await _progress.WriteLineAsync("reco bench: phase 1/3, bare consumer over the backlog").ConfigureAwait(false);
        var bare = await RunBareAsync(backlogTopics, backlog.Sent, cancellationToken).ConfigureAwait(false);

        await _progress.WriteLineAsync($"reco bench: phase 2/3, pipeline at maximum rate over the backlog (sandbox latency {_settings.MaxLatency.TotalMilliseconds:0.###} ms)").ConfigureAwait(false);
        var maxRate = await RunPipelineAsync("pipeline-max-rate", backlogServices, _settings.MaxLatency, _ => Task.FromResult(backlog), cancellationToken).ConfigureAwait(false);

        var rateConfiguration = PhaseConfiguration("rate");
        await using var rateServices = BuildServices(rateConfiguration);
        var ratePipeline = rateServices.GetRequiredService<IOptions<PipelineOptions>>().Value;
        CreateTopics(rateServices, partitions);
        var rateSpec = Spec((long)Math.Round(_settings.Rate * _settings.Duration.TotalSeconds), _settings.Rate, seed: 2);
        await _progress.WriteLineAsync($"reco bench: phase 3/3, pipeline at {_settings.Rate:N0} events/s for {_settings.Duration.TotalSeconds:0.#} s (sandbox latency {_settings.Latency.TotalMilliseconds:0.###} ms)").ConfigureAwait(false);
        var fixedRate = await RunPipelineAsync(
            "pipeline-fixed-rate", rateServices, _settings.Latency, AtRate(ratePipeline, rateSpec, cancellationToken), cancellationToken).ConfigureAwait(false);

        var ratio = bare.EventsPerSecond > 0 ? Math.Round(maxRate.EventsPerSecond / bare.EventsPerSecond, 3) : 0;
        var runtimeOptions = backlogServices.GetRequiredService<IOptions<RuntimeOptions>>().Value;
        return new BenchReport(
            startedAt,
            MachineInfo.Current(),
            Settings(backlogServices, partitions),
            Math.Round(backlog.Rate),
            warmUp,
            bare,
            maxRate,
            fixedRate,
            ratio,
            BenchTargets.Evaluate(bare, maxRate, fixedRate, ratio, runtimeOptions, _settings),
            loadAtStart,
            MachineLoad.LoadAverage());
    }

    private async Task<PhaseFigures> RunBareAsync(IReadOnlyList<string> topics, long expected, CancellationToken cancellationToken)
    {
        await using var sampler = new MemorySampler();
        var cpuStart = CpuFigures.Start();
        var (events, elapsed) = await Task.Run(
            () => BareConsumer.Read(_kafka, _bootstrap, topics, expected, PhaseTimeout(expected), cancellationToken), CancellationToken.None).ConfigureAwait(false);
        var cpu = CpuFigures.Since(cpuStart, events);
        await sampler.DisposeAsync().ConfigureAwait(false);
        return new PhaseFigures("bare-consumer", events, Seconds(elapsed), PerSecond(events, elapsed), null, null, sampler.Figures, cpu, null, null, null, null);
    }

    private async Task<PhaseFigures> RunPipelineAsync(
        string name, ServiceProvider services, TimeSpan sandboxLatency, Func<PipelineRuntime, Task<ProduceReport>> feed, CancellationToken cancellationToken)
    {
        _sandbox.Recorder.Reset();
        foreach (var knobs in _sandbox.Knobs.All)
        {
            knobs.Latency = sandboxLatency;
        }

        var hosted = services.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        var runtime = new PipelineRuntime(services, _bootstrap, $"reco-bench-{_runId}-{name}", _embedded);
        var cpuStart = CpuFigures.Start();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = runtime.RunAsync(stop.Token);
        ProduceReport fed;
        TimeSpan span;
        long finished;
        MemoryFigures memory;
        CpuFigures cpu;
        long deadLettered;
        try
        {
            await using var watch = new ProgressWatch(runtime);
            await using var sampler = new MemorySampler(() => watch.InFlight);
            fed = await feed(runtime).ConfigureAwait(false);
            await watch.WaitForFinishedAsync(fed.Sent, PhaseTimeout(fed.Sent), running, cancellationToken).ConfigureAwait(false);
            cpu = CpuFigures.Since(cpuStart, fed.Sent);
            await sampler.DisposeAsync().ConfigureAwait(false);
            await watch.DisposeAsync().ConfigureAwait(false);
            (span, finished, memory) = (watch.Span, watch.Finished, sampler.Figures);
            deadLettered = runtime.Snapshot().DeadLettered;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await running.ConfigureAwait(false);
            foreach (var service in hosted)
            {
                await service.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        var latency = RunReport.Figures(_sandbox.Recorder.LatencySnapshot().Summarize());
        var audit = await DeliveryAudit.RunAsync(
            fed.Manifest,
            _ => Task.FromResult(RecommenderSnapshot.Of(_sandbox.Recorder)),
            new DeadLetterReader(_bootstrap, _kafka),
            cancellationToken).ConfigureAwait(false);
        var offered = name == "pipeline-max-rate" ? (double?)null : Math.Round(fed.Rate);
        return new PhaseFigures(
            name, finished, Seconds(span), PerSecond(finished, span), offered, latency, memory, cpu, audit.Delivered, audit.Lost, audit.DuplicatesApplied, deadLettered);
    }

    /// <summary>A feed that produces <paramref name="spec"/> at its rate once the runtime holds its partitions.</summary>
    private Func<PipelineRuntime, Task<ProduceReport>> AtRate(PipelineOptions pipeline, WorkloadSpec spec, CancellationToken cancellationToken) => async runtime =>
    {
        await WaitUntilAssignedAsync(runtime, cancellationToken).ConfigureAwait(false);
        return await ProduceAsync(pipeline, spec, WorkloadProducer.CreateConfig(_bootstrap, _kafka), cancellationToken).ConfigureAwait(false);
    };

    private static async Task WaitUntilAssignedAsync(PipelineRuntime runtime, CancellationToken cancellationToken)
    {
        // Producing before the group has its partitions would add the join time to the first events' latency.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(15));
        try
        {
            await runtime.WaitUntilIdleAsync(TimeSpan.FromMilliseconds(100), limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Topics a real broker creates on first produce are assigned only after it: produce anyway.
        }
    }

    /// <summary>
    /// The backlogs' producer writes message sets of one partition fetch of the runtime's consumer
    /// (<c>max.partition.fetch.bytes</c>), filled by a long linger. The embedded broker answers a fetch with one message
    /// set per partition, so the set size decides how much a fetch returns; left to the producer's timing it varied from
    /// run to run, and with it the bare consumer's figure (100,000 to 600,000 events/s over backlogs of the same events).
    /// A real broker returns whole sets up to that size per partition, so sets of that size serve what it would.
    /// <c>Kafka:Producer</c> entries still win.
    /// </summary>
    private ProducerConfig BacklogProducerConfig()
    {
        var config = WorkloadProducer.CreateConfig(_bootstrap, _kafka);
        if (!_kafka.Producer.ContainsKey("batch.size"))
        {
            config.BatchSize = RuntimeConsumerConfig.Create(_kafka, _bootstrap, "bench").MaxPartitionFetchBytes;
        }

        if (!_kafka.Producer.ContainsKey("linger.ms"))
        {
            config.LingerMs = BacklogLinger.TotalMilliseconds;
        }

        return config;
    }

    private async Task<ProduceReport> ProduceAsync(PipelineOptions pipeline, WorkloadSpec spec, ProducerConfig config, CancellationToken cancellationToken)
    {
        using var producer = WorkloadProducer.CreateProducer(config);
        var report = await new WorkloadProducer(pipeline).ProduceAsync(producer, spec, cancellationToken).ConfigureAwait(false);
        if (report.Failed > 0 || report.Cancelled)
        {
            throw new InvalidOperationException($"Producing failed: {report.Failed:N0} of {report.Attempted:N0} events not acknowledged. {string.Join("; ", report.FailureSamples)}");
        }

        return report;
    }

    private WorkloadSpec Spec(long count, double rate, long seed) => WorkloadSpec.CleanOf(count) with
    {
        Keys = BenchSettings.Keys,
        Seed = seed,
        Rate = rate,
        InvalidShare = _settings.Mixed ? BenchSettings.MixedInvalidShare : 0,
    };

    /// <summary>Enough partitions per topic for the backlog to stay under the embedded broker's 5 MiB per partition.</summary>
    private int PartitionsFor(PipelineOptions pipeline, WorkloadSpec spec)
    {
        var sample = new WorkloadGenerator(spec with { Count = SampleSize }, pipeline).Generate().ToList();
        var largestTopicBytes = sample.GroupBy(message => message.Flow.Topic)
            .Max(topic => topic.Sum(message => (double)(message.Value?.Length ?? 0) + (message.Key?.Length ?? 0) + 64));
        var needed = (int)Math.Ceiling(largestTopicBytes * spec.Count / sample.Count / PartitionBudgetBytes);
        return Math.Clamp(needed, _kafka.EmbeddedPartitions, 256);
    }

    private List<string> CreateTopics(ServiceProvider services, int partitions)
    {
        var flows = services.GetRequiredService<FlowRegistry>().Flows;
        foreach (var flow in flows)
        {
            _embedded?.EnsureTopic(flow.Topic, partitions);
            _embedded?.EnsureTopic(flow.DeadLetterTopic);
        }

        return [.. flows.Select(flow => flow.Topic)];
    }

    private IConfiguration PhaseConfiguration(string phase)
    {
        var overrides = new Dictionary<string, string?>(_sandbox.ServiceConfiguration(), StringComparer.OrdinalIgnoreCase);
        foreach (var flow in _configuration.GetSection($"{PipelineOptions.SectionName}:Flows").GetChildren())
        {
            var prefix = $"{PipelineOptions.SectionName}:Flows:{flow.Key}:";
            overrides[prefix + nameof(FlowOptions.Topic)] = $"{flow[nameof(FlowOptions.Topic)]}.bench-{_runId}-{phase}";
            overrides[prefix + nameof(FlowOptions.DeadLetterTopic)] = $"{flow[nameof(FlowOptions.Topic)]}.bench-{_runId}-{phase}.dlq";
        }

        return ConfigurationLayers.Over(_configuration, overrides);
    }

    private ServiceProvider BuildServices(IConfiguration configuration) => CommandServices.Build(configuration, (services, config) =>
    {
        services.AddRecoRuntime(config);
        services.AddCommandLogging(config, _log);
    });

    private Dictionary<string, string> Settings(ServiceProvider services, int partitions)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["bench:backlog"] = Invariant(_settings.Backlog),
            ["bench:warmup"] = Invariant(_settings.WarmUp),
            ["bench:rate"] = Invariant(_settings.Rate),
            ["bench:durationSeconds"] = Invariant(_settings.Duration.TotalSeconds),
            ["bench:latencyMs"] = Invariant(_settings.Latency.TotalMilliseconds),
            ["bench:maxLatencyMs"] = Invariant(_settings.MaxLatency.TotalMilliseconds),
            ["bench:mixed"] = _settings.Mixed ? "true" : "false",
            ["bench:memoryBoundMb"] = Invariant(_settings.MemoryBoundMb),
            ["bench:kafka"] = _embedded is null ? _bootstrap : "embedded",
            ["bench:partitionsPerTopic"] = _embedded is null ? "broker default (topics created on first produce)" : Invariant(partitions),
            ["bench:keysPerFlow"] = Invariant(BenchSettings.Keys),
        };
        var backlogProducer = BacklogProducerConfig();
        settings["bench:backlogMessageSetBytes"] = Invariant(backlogProducer.BatchSize ?? 0);
        settings["bench:backlogLingerMs"] = Invariant(backlogProducer.LingerMs ?? 0);
        var configuration = services.GetRequiredService<IConfiguration>();
        foreach (var section in new[] { RuntimeOptions.SectionName, KafkaOptions.SectionName, "Services", "Workflow" })
        {
            foreach (var (key, value) in configuration.GetSection(section).AsEnumerable())
            {
                if (value is not null && !IsSecret(key) && !key.EndsWith(":BaseUrl", StringComparison.OrdinalIgnoreCase))
                {
                    settings[key] = value;
                }
            }
        }

        foreach (var (key, value) in RuntimeConsumerConfig.Create(_kafka, _bootstrap, "bench"))
        {
            if (!IsSecret(key) && key is not ("bootstrap.servers" or "group.id"))
            {
                settings["consumer:" + key] = value;
            }
        }

        return settings;
    }

    private static bool IsSecret(string key) =>
        key.Contains("password", StringComparison.OrdinalIgnoreCase) || key.Contains("apikey", StringComparison.OrdinalIgnoreCase) && !key.EndsWith("Header", StringComparison.OrdinalIgnoreCase);

    private static TimeSpan PhaseTimeout(long events) => TimeSpan.FromSeconds(60 + events / 1_000.0);

    private static double Seconds(TimeSpan span) => Math.Round(span.TotalSeconds, 3);

    private static double PerSecond(long events, TimeSpan span) => span > TimeSpan.Zero ? Math.Round(events / span.TotalSeconds) : 0;

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
