using System.Globalization;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Intake;
using RecoFunctions.Core.Resilience;
using RecoFunctions.Core.Services;
using RecoFunctions.Local.Accounting;
using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Runtime.Hosting;
using RecoFunctions.Runtime.Kafka;
using RecoFunctions.Runtime;
using RecoFunctions.Runtime.Windows;
using RecoFunctions.Local.Workload;

namespace RecoFunctions.Local.Bench;

/// <summary>
/// Runs the three phases of <c>reco bench</c>: a bare consumer over a pre-produced backlog, the pipeline over the same
/// backlog at maximum rate, and the pipeline at a fixed offered rate. The pipeline runs in this process; the embedded
/// broker and the sandbox services run in processes of their own (<see cref="BenchProcesses"/>), and the fixed-rate
/// phases' producer too, so that each process's processor time is measured on its own. Each phase has its own topics
/// (and consumer group), so no phase sees another's events; an unmeasured warm-up over topics of its own runs first.
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
    private readonly BenchProcesses _processes;
    private readonly RemoteSandbox _sandbox;
    private readonly string _bootstrap;
    private readonly string _runId;
    private readonly int _partitions;
    private readonly string _directory;

    private BenchRunner(
        IConfiguration configuration,
        BenchSettings settings,
        TextWriter progress,
        RecoConsoleLoggerProvider log,
        KafkaOptions kafka,
        BenchProcesses processes,
        RemoteSandbox sandbox,
        string runId,
        int partitions,
        string directory)
    {
        _configuration = configuration;
        _settings = settings;
        _progress = progress;
        _log = log;
        _kafka = kafka;
        _processes = processes;
        _sandbox = sandbox;
        _bootstrap = processes.Bootstrap;
        _runId = runId;
        _partitions = partitions;
        _directory = directory;
    }

    private bool EmbeddedBroker => _processes.Broker is not null;

    public static async Task<BenchReport> RunAsync(
        IConfiguration configuration, BenchSettings settings, TextWriter progress, RecoConsoleLoggerProvider log, CancellationToken cancellationToken)
    {
        var (phaseConfiguration, apart) = WithoutWindowedFlows(configuration);
        configuration = phaseConfiguration;
        if (apart.Count > 0)
        {
            await progress.WriteLineAsync($"reco bench: flows {string.Join(", ", apart)} benched apart (reco bench --flow interactions), not in these phases").ConfigureAwait(false);
        }

        KafkaOptions kafka;
        PipelineOptions pipeline;
        using (var check = CommandServices.Build(configuration, static (services, config) => services.AddRecoRuntime(config)))
        {
            kafka = check.GetRequiredService<IOptions<KafkaOptions>>().Value;
            pipeline = check.GetRequiredService<IOptions<PipelineOptions>>().Value;
        }

        var runId = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds().ToString("x", CultureInfo.InvariantCulture);
        var partitions = PartitionsFor(kafka, pipeline, Spec(settings, settings.Backlog, rate: 0, seed: 1));
        var warmUpPartitions = settings.WarmUp > 0 ? Math.Max(partitions, PartitionsFor(kafka, pipeline, Spec(settings, settings.WarmUp, rate: 0, seed: 3))) : 0;
        var topics = TopicPlan(configuration, runId, partitions, warmUpPartitions);
        await progress.WriteLineAsync(settings.Bootstrap is null
            ? $"reco bench: starting the embedded broker ({topics.Count} topics) and the sandbox services, each in a process of its own"
            : "reco bench: starting the sandbox services in a process of its own").ConfigureAwait(false);
        await using var processes = await BenchProcesses.StartAsync(settings.RecoDll, settings.GlobalArguments, settings.Bootstrap, topics, cancellationToken).ConfigureAwait(false);
        using var sandbox = new RemoteSandbox(processes.SandboxUrl);
        var directory = Directory.CreateTempSubdirectory("reco-bench-").FullName;
        try
        {
            var runner = new BenchRunner(configuration, settings, progress, log, kafka, processes, sandbox, runId, partitions, directory);
            return await runner.RunPhasesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private async Task<BenchReport> RunPhasesAsync(CancellationToken cancellationToken)
    {
        var startedAt = TimeProvider.System.GetUtcNow();
        var loadAtStart = MachineLoad.LoadAverage();
        var broker = _processes.Broker is { } process ? $"embedded, process {process.Id}" : "given";
        await _progress.WriteLineAsync($"reco bench: Kafka at {_bootstrap} ({broker}), sandbox at {_processes.SandboxUrl} (process {_processes.Sandbox.Id}), pipeline in this process ({Environment.ProcessId})").ConfigureAwait(false);

        var backlogConfiguration = PhaseConfiguration("backlog");
        await using var backlogServices = BuildServices(backlogConfiguration);
        var backlogPipeline = backlogServices.GetRequiredService<IOptions<PipelineOptions>>().Value;
        var backlogSpec = Spec(_settings, _settings.Backlog, rate: 0, seed: 1);
        var warmUp = await WarmUpAsync(cancellationToken).ConfigureAwait(false);

        // After the warm-up, whose pipeline runs the same intake: measured on tier-0 code, it swung from 4 to 22 µs per event.
        var calibration = MachineCalibration.Measure(
            backlogServices.GetRequiredService<MessageIntake>(), [.. new WorkloadGenerator(backlogSpec with { Count = SampleSize }, backlogPipeline).Generate()]);
        await _progress.WriteLineAsync(BenchReportText.CalibrationLine(calibration)).ConfigureAwait(false);
        var backlogTopics = TopicsOf(backlogServices);

        await _progress.WriteLineAsync($"reco bench: producing a backlog of {_settings.Backlog:N0} events to {string.Join(", ", backlogTopics)} ({_partitions} partitions each)").ConfigureAwait(false);
        var backlog = await ProduceAsync(backlogPipeline, backlogSpec, BacklogProducerConfig(), cancellationToken).ConfigureAwait(false);

        await _progress.WriteLineAsync("reco bench: phase 1/3, bare consumer over the backlog").ConfigureAwait(false);
        var bare = await RunBareAsync(backlogTopics, backlog.Sent, cancellationToken).ConfigureAwait(false);

        await _progress.WriteLineAsync($"reco bench: phase 2/3, pipeline at maximum rate over the backlog (sandbox latency {_settings.MaxLatency.TotalMilliseconds:0.###} ms)").ConfigureAwait(false);
        var maxRate = await RunPipelineAsync("pipeline-max-rate", backlogServices, _settings.MaxLatency, _ => Task.FromResult(FedStream.Of(backlog)), cancellationToken).ConfigureAwait(false);

        await using var rateServices = BuildServices(PhaseConfiguration("rate"));
        var rateSpec = Spec(_settings, (long)Math.Round(_settings.Rate * _settings.Duration.TotalSeconds), _settings.Rate, seed: 2);
        await _progress.WriteLineAsync($"reco bench: phase 3/3, pipeline at {_settings.Rate:N0} events/s for {_settings.Duration.TotalSeconds:0.#} s (sandbox latency {_settings.Latency.TotalMilliseconds:0.###} ms), offered by a reco produce process").ConfigureAwait(false);
        var fixedRate = await RunPipelineAsync(
            "pipeline-fixed-rate", rateServices, _settings.Latency, AtRate("rate", rateSpec, cancellationToken), cancellationToken).ConfigureAwait(false);

        var ratio = bare.EventsPerSecond > 0 ? Math.Round(maxRate.EventsPerSecond / bare.EventsPerSecond, 3) : 0;
        var runtimeOptions = backlogServices.GetRequiredService<IOptions<RuntimeOptions>>().Value;
        return new BenchReport(
            startedAt,
            MachineInfo.Current(),
            calibration,
            Settings(backlogServices),
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
        var cpuStart = CpuFigures.Start(_processes);
        var (events, elapsed) = await Task.Run(
            () => BareConsumer.Read(_kafka, _bootstrap, topics, expected, PhaseTimeout(expected), cancellationToken), CancellationToken.None).ConfigureAwait(false);
        var cpu = CpuFigures.Since(cpuStart, events, _processes);
        await sampler.DisposeAsync().ConfigureAwait(false);
        return new PhaseFigures("bare-consumer", events, Seconds(elapsed), PerSecond(events, elapsed), null, null, sampler.Figures, cpu, null, null, null, null);
    }

    private async Task<PhaseFigures> RunPipelineAsync(
        string name, ServiceProvider services, TimeSpan sandboxLatency, Func<PipelineRuntime, Task<FedStream>> feed, CancellationToken cancellationToken)
    {
        await _sandbox.ResetAsync(sandboxLatency, cancellationToken).ConfigureAwait(false);
        var hosted = services.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        var runtime = new PipelineRuntime(services, _bootstrap, $"reco-bench-{_runId}-{name}");
        var cpuStart = CpuFigures.Start(_processes);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = runtime.RunAsync(stop.Token);
        FedStream fed;
        TimeSpan span;
        long finished;
        MemoryFigures memory;
        CpuFigures cpu;
        RuntimeSnapshot end;
        IReadOnlyList<Report.TimeSample> series;
        try
        {
            await using var watch = new ProgressWatch(runtime);
            await using var seriesSampler = new Report.SeriesSampler(runtime);
            await using var sampler = new MemorySampler(() => watch.InFlight);
            fed = await feed(runtime).ConfigureAwait(false);
            await watch.WaitForFinishedAsync(fed.Sent, PhaseTimeout(fed.Sent), running, cancellationToken).ConfigureAwait(false);
            cpu = CpuFigures.Since(cpuStart, fed.Sent, _processes);
            await sampler.DisposeAsync().ConfigureAwait(false);
            await watch.DisposeAsync().ConfigureAwait(false);
            await seriesSampler.DisposeAsync().ConfigureAwait(false);
            series = seriesSampler.Samples;
            (span, finished, memory) = (watch.Span, watch.Finished, sampler.Figures);
            end = runtime.Snapshot();
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

        var latency = await _sandbox.LatencyAsync(cancellationToken).ConfigureAwait(false);
        var curve = await _sandbox.LatencyCurveAsync(cancellationToken).ConfigureAwait(false);
        var audit = await DeliveryAudit.RunAsync(fed.Manifest, _sandbox.SnapshotAsync, new DeadLetterReader(_bootstrap, _kafka), cancellationToken).ConfigureAwait(false);
        var maxRate = name == "pipeline-max-rate";
        var offered = maxRate || fed.Rate is null ? (double?)null : Math.Round(fed.Rate.Value);
        return new PhaseFigures(
            name, finished, Seconds(span), PerSecond(finished, span), offered, latency, memory, cpu, audit.Delivered, audit.Lost, audit.DuplicatesApplied, end.DeadLettered)
        {
            Waits = WaitFigures.Of(end),
            LatencyCurve = curve,
            Series = series,
        };
    }

    /// <summary>
    /// A feed that offers <paramref name="spec"/> at its rate from a <c>reco produce</c> process, once the runtime holds its
    /// partitions: the producer's processor time is not the pipeline's.
    /// </summary>
    private Func<PipelineRuntime, Task<FedStream>> AtRate(string phase, WorkloadSpec spec, CancellationToken cancellationToken) => async runtime =>
    {
        await WaitUntilAssignedAsync(runtime, cancellationToken).ConfigureAwait(false);
        return await ChildProducer.ProduceAsync(
            _settings.RecoDll, _settings.GlobalArguments, _bootstrap, TopicEnvironment(phase), spec, Path.Combine(_directory, phase + ".manifest.json"),
            PhaseTimeout(spec.Count), cancellationToken).ConfigureAwait(false);
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

    private static WorkloadSpec Spec(BenchSettings settings, long count, double rate, long seed) => WorkloadSpec.CleanOf(count) with
    {
        Keys = BenchSettings.Keys,
        Seed = seed,
        Rate = rate,
        InvalidShare = settings.Mixed ? BenchSettings.MixedInvalidShare : 0,
    };

    /// <summary>Enough partitions per topic for the backlog to stay under the embedded broker's 5 MiB per partition.</summary>
    private static int PartitionsFor(KafkaOptions kafka, PipelineOptions pipeline, WorkloadSpec spec)
    {
        var sample = new WorkloadGenerator(spec with { Count = SampleSize }, pipeline).Generate().ToList();
        var largestTopicBytes = sample.GroupBy(message => message.Flow.Topic)
            .Max(topic => topic.Sum(message => (double)(message.Value?.Length ?? 0) + (message.Key?.Length ?? 0) + 64));
        var needed = (int)Math.Ceiling(largestTopicBytes * spec.Count / sample.Count / PartitionBudgetBytes);
        return Math.Clamp(needed, kafka.EmbeddedPartitions, 256);
    }

    /// <summary>
    /// Every topic of every phase, with its partitions (0: the broker's default, for dead-letter topics), so that the
    /// broker process creates them as it starts: the warm-up's backlog and each of its rounds' fixed-rate topics, the
    /// measured backlog and the fixed-rate phase's.
    /// </summary>
    private static Dictionary<string, int> TopicPlan(IConfiguration configuration, string runId, int partitions, int warmUpPartitions)
    {
        var phases = new List<(string Phase, int Partitions)> { ("backlog", partitions), ("rate", partitions) };
        if (warmUpPartitions > 0)
        {
            phases.Add(("warmup", warmUpPartitions));
            phases.AddRange(Enumerable.Range(1, MaxWarmUpRounds).Select(round => ($"warmup-{round}-rate", partitions)));
        }

        var topics = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (phase, count) in phases)
        {
            foreach (var (key, value) in PhaseTopics(configuration, runId, phase))
            {
                topics[value] = key.EndsWith(nameof(FlowOptions.DeadLetterTopic), StringComparison.Ordinal) ? 0 : count;
            }
        }

        return topics;
    }

    /// <summary>
    /// The phases measure the content and campaign flows: the interactions flow keeps window state in changelog topics and
    /// is benched apart (<c>reco bench --flow interactions</c>). Left on, every pipeline phase would first wait for its
    /// changelogs, which the embedded broker cannot create, and count that wait in its figures.
    /// </summary>
    private static (IConfiguration Configuration, List<string> Apart) WithoutWindowedFlows(IConfiguration configuration)
    {
        List<string> apart;
        using (var flows = CommandServices.Build(configuration, static (services, config) => services.AddRecoRuntime(config)))
        {
            apart = [.. flows.GetRequiredService<FlowRegistry>().Flows.Where(WindowedPartitions.IsWindowed).Select(flow => flow.Name)];
        }

        var overrides = apart.ToDictionary(
            flow => $"{PipelineOptions.SectionName}:Flows:{flow}:{nameof(FlowOptions.Enabled)}", _ => (string?)"false", StringComparer.OrdinalIgnoreCase);
        return (overrides.Count == 0 ? configuration : ConfigurationLayers.Over(configuration, overrides), apart);
    }

    /// <summary>The configuration entries that give each flow its topic and dead-letter topic of <paramref name="phase"/>.</summary>
    private static Dictionary<string, string> PhaseTopics(IConfiguration configuration, string runId, string phase)
    {
        var entries = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var flow in configuration.GetSection($"{PipelineOptions.SectionName}:Flows").GetChildren())
        {
            if (string.Equals(flow[nameof(FlowOptions.Enabled)], "false", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var prefix = $"{PipelineOptions.SectionName}:Flows:{flow.Key}:";
            entries[prefix + nameof(FlowOptions.Topic)] = $"{flow[nameof(FlowOptions.Topic)]}.bench-{runId}-{phase}";
            entries[prefix + nameof(FlowOptions.DeadLetterTopic)] = $"{flow[nameof(FlowOptions.Topic)]}.bench-{runId}-{phase}.dlq";
        }

        return entries;
    }

    /// <summary>The phase's topics as environment variables, for the producer process.</summary>
    private Dictionary<string, string> TopicEnvironment(string phase) =>
        PhaseTopics(_configuration, _runId, phase).ToDictionary(pair => pair.Key.Replace(":", "__", StringComparison.Ordinal), pair => pair.Value, StringComparer.Ordinal);

    private static List<string> TopicsOf(ServiceProvider services) => [.. services.GetRequiredService<FlowRegistry>().Flows.Select(flow => flow.Topic)];

    private IConfiguration PhaseConfiguration(string phase)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var service in ServiceNames.All)
        {
            overrides[$"{ServiceEndpointOptions.SectionName}:{service}:{nameof(ServiceEndpointOptions.BaseUrl)}"] = _processes.SandboxUrl.ToString();
        }

        foreach (var (key, value) in PhaseTopics(_configuration, _runId, phase))
        {
            overrides[key] = value;
        }

        return ConfigurationLayers.Over(_configuration, overrides);
    }

    private ServiceProvider BuildServices(IConfiguration configuration) => CommandServices.Build(configuration, (services, config) =>
    {
        services.AddRecoRuntime(config);
        services.AddCommandLogging(config, _log);
    });

    private Dictionary<string, string> Settings(ServiceProvider services)
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
            ["bench:kafka"] = EmbeddedBroker ? "embedded, in a process of its own" : _bootstrap,
            ["bench:sandbox"] = "in a process of its own",
            ["bench:fixedRateProducer"] = "in a process of its own (reco produce)",
            ["bench:partitionsPerTopic"] = EmbeddedBroker ? Invariant(_partitions) : "broker default (topics created on first produce)",
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
