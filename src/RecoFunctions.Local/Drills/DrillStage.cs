using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using RecoFunctions.Core.Resilience;
using RecoFunctions.Local.Accounting;
using RecoFunctions.Local.Cli.Sandbox;
using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Sandbox.Wire;

namespace RecoFunctions.Local.Drills;

/// <summary>
/// <c>reco broker</c> and <c>reco sandbox</c> as separate processes, and the means to start <c>reco run</c> and
/// <c>reco produce</c> against them and to audit what became of a stream.
/// </summary>
internal sealed class DrillStage : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long a run may take to drain and exit after the stop signal.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);
    /// <summary>
    /// The consumer groups the drills run in: the broker creates their window-state changelog topics, which a
    /// <c>reco run</c> of another process cannot create on the embedded Kafka.
    /// </summary>
    private static readonly string[] Groups =
        ["drill-kill", "drill-outage", "drill-stall", "drill-clean", "drill-poison", "drill-rebalance", WindowsKillDrill.KilledGroup, WindowsKillDrill.ReferenceGroup];

    private readonly List<RecoProcess> _processes = [];
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "reco-drill-" + Guid.NewGuid().ToString("N")[..12]);

    private DrillStage(DrillSettings settings, RecoProcess broker, RecoProcess sandbox)
    {
        Settings = settings;
        Broker = broker;
        Sandbox = sandbox;
        _processes.Add(broker);
        _processes.Add(sandbox);
        Directory.CreateDirectory(_directory);
    }

    public DrillSettings Settings { get; }

    public RecoProcess Broker { get; }

    public RecoProcess Sandbox { get; }

    public string Bootstrap { get; private set; } = string.Empty;

    public Uri SandboxUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Starts broker and sandbox; <c>partitions</c> per flow topic (more keep a backlog produced ahead under the broker's 5 MiB per partition).</summary>
    public static async Task<DrillStage> StartAsync(DrillSettings settings, CancellationToken cancellationToken, int partitions = 8)
    {
        var broker = RecoProcess.Start(settings.RecoDll, ["broker", .. Groups.SelectMany(group => new[] { "--group", group })], new Dictionary<string, string>
        {
            ["Kafka__EmbeddedPartitions"] = partitions.ToString(CultureInfo.InvariantCulture),
        });
        var sandbox = RecoProcess.Start(settings.RecoDll, ["sandbox", "--port", "0"]);
        var stage = new DrillStage(settings, broker, sandbox);
        try
        {
            stage.Bootstrap = await broker.WaitForLineAsync("bootstrap:", StartTimeout, cancellationToken).ConfigureAwait(false);
            stage.SandboxUrl = new Uri(await sandbox.WaitForLineAsync("sandbox:", StartTimeout, cancellationToken).ConfigureAwait(false));
            settings.Log($"broker at {stage.Bootstrap} (pid {broker.Id}), sandbox at {stage.SandboxUrl} (pid {sandbox.Id})");
            return stage;
        }
        catch
        {
            await stage.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>What <c>reco run</c> needs to find the sandbox, and shorter timers so that a killed member's partitions move on sooner.</summary>
    public IReadOnlyDictionary<string, string> RunEnvironment(Uri? sandbox = null)
    {
        var url = (sandbox ?? SandboxUrl).ToString();
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [$"Services__{ServiceNames.ContentApi}__BaseUrl"] = url,
            [$"Services__{ServiceNames.PlacementApi}__BaseUrl"] = url,
            [$"Services__{ServiceNames.RecommenderApi}__BaseUrl"] = url,
            ["Kafka__SessionTimeout"] = "00:00:03",
            ["Runtime__ReportInterval"] = "00:00:01",
        };
    }

    /// <summary>Starts <c>reco run --no-live</c> in <paramref name="group"/>, for good (stopped by signal) or with <c>--until-idle</c>.</summary>
    public RecoProcess StartRun(string group, params string[] extra) => StartRun(group, InterruptDisposition.Inherited, extra);

    /// <summary>Starts <c>reco run --no-live</c> in <paramref name="group"/>, with SIGINT as <paramref name="interrupt"/> says.</summary>
    public RecoProcess StartRun(string group, InterruptDisposition interrupt, params string[] extra)
    {
        var run = Track(RecoProcess.Start(Settings.RecoDll, ["run", "--bootstrap", Bootstrap, "--group", group, "--no-live", .. extra], RunEnvironment(), interrupt));
        Settings.Log($"reco run started (pid {run.Id}, group {group})");
        return run;
    }

    /// <summary>Starts <c>reco run --no-live</c> in <paramref name="group"/> against another sandbox (<see cref="StartSandboxAsync"/>).</summary>
    public RecoProcess StartRun(Uri sandbox, string group, params string[] extra)
    {
        var run = Track(RecoProcess.Start(Settings.RecoDll, ["run", "--bootstrap", Bootstrap, "--group", group, "--no-live", .. extra], RunEnvironment(sandbox), InterruptDisposition.Inherited));
        Settings.Log($"reco run started (pid {run.Id}, group {group}, sandbox {sandbox})");
        return run;
    }

    /// <summary>Starts one more sandbox, for a run whose deliveries are to be compared with the first sandbox's; returns its address.</summary>
    public async Task<Uri> StartSandboxAsync(CancellationToken cancellationToken)
    {
        var sandbox = Track(RecoProcess.Start(Settings.RecoDll, ["sandbox", "--port", "0"]));
        var url = new Uri(await sandbox.WaitForLineAsync("sandbox:", StartTimeout, cancellationToken).ConfigureAwait(false));
        Settings.Log($"second sandbox at {url} (pid {sandbox.Id})");
        return url;
    }

    /// <summary>Starts <c>reco produce</c> of the drill's stream (no messages bound to fail permanently, so every valid one must arrive).</summary>
    public RecoProcess StartProduce(string manifest, long count, double rate, long seed, params string[] extra)
    {
        string[] args =
        [
            "produce", "--bootstrap", Bootstrap, "--count", count.ToString(CultureInfo.InvariantCulture), "--rate", rate.ToString(CultureInfo.InvariantCulture),
            "--seed", seed.ToString(CultureInfo.InvariantCulture), "--missing-share", "0", "--manifest", manifest, .. extra,
        ];
        var produce = Track(RecoProcess.Start(Settings.RecoDll, args));
        Settings.Log($"reco produce started: {count} messages at {rate} msg/s");
        return produce;
    }

    public string File(string name) => Path.Combine(_directory, name);

    /// <summary>Runs <c>reco sandbox knobs</c> against the sandbox with <paramref name="args"/>.</summary>
    public async Task KnobsAsync(CancellationToken cancellationToken, params string[] args)
    {
        await using var knobs = RecoProcess.Start(Settings.RecoDll, ["sandbox", "knobs", "--url", SandboxUrl.ToString(), .. args]);
        var exit = await knobs.WaitForExitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        if (exit != ExitCodes.Success)
        {
            throw new DrillException($"reco sandbox knobs {string.Join(' ', args)} exited with {exit}: {knobs.ErrorTail()}");
        }
    }

    /// <summary>Waits for a producer to finish; it must have sent everything.</summary>
    public static async Task ProducedAsync(RecoProcess produce, CancellationToken cancellationToken)
    {
        var exit = await produce.WaitForExitAsync(TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
        if (exit != ExitCodes.Success)
        {
            throw new DrillException($"reco produce exited with {exit}: {produce.ErrorTail()}");
        }
    }

    /// <summary>Audits every couple of seconds until <paramref name="done"/> holds or the drain timeout is up; the last audit and when it was taken.</summary>
    public async Task<(AuditReport Report, long At)> AuditUntilAsync(string manifestPath, Func<AuditReport, bool> done, CancellationToken cancellationToken)
    {
        var manifest = await WorkloadManifest.LoadAsync(manifestPath, cancellationToken).ConfigureAwait(false);
        using var http = SandboxControl.Client(SandboxUrl);
        http.Timeout = TimeSpan.FromSeconds(60);
        var recommender = new SandboxRecommenderClient(http);
        var reader = new DeadLetterReader(Bootstrap);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var report = await DeliveryAudit.RunAsync(manifest, recommender.GetSnapshotAsync, reader, cancellationToken).ConfigureAwait(false);
            var at = Stopwatch.GetTimestamp();
            if (done(report) || deadline.Elapsed > Settings.DrainTimeout)
            {
                return (report, at);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The sandbox's counters (<c>GET /_sandbox/stats</c>).</summary>
    public async Task<StatsView> StatsAsync(CancellationToken cancellationToken)
    {
        using var http = SandboxControl.Client(SandboxUrl);
        return await http.GetFromJsonAsync("_sandbox/stats", SandboxJsonContext.Default.StatsView, cancellationToken).ConfigureAwait(false)
            ?? throw new DrillException("GET /_sandbox/stats answered null");
    }

    /// <summary>
    /// Stops a run gracefully with SIGTERM (SIGINT with <paramref name="signal"/> <see cref="StopSignal.Interrupt"/>); it must
    /// drain and exit 0. SIGTERM by default: the children of a background job (CI runners, cron, <c>nohup</c>) ignore SIGINT.
    /// </summary>
    /// <returns>The exit code.</returns>
    /// <exception cref="DrillException">The run did not end within <see cref="StopTimeout"/>.</exception>
    public static async Task<int> StopAsync(RecoProcess run, CancellationToken cancellationToken, StopSignal signal = StopSignal.Terminate)
    {
        ArgumentNullException.ThrowIfNull(run);
        await (signal == StopSignal.Interrupt ? run.InterruptAsync() : run.TerminateAsync()).ConfigureAwait(false);
        return await run.WaitForExitAsync(StopTimeout, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            try
            {
                await process.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception or DrillException)
            {
                // Keep going: every other process must still be stopped.
                Settings.Log($"could not stop {process.Name}: {exception.Message}");
            }
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary directory left behind is harmless.
        }
    }

    private RecoProcess Track(RecoProcess process)
    {
        _processes.Add(process);
        return process;
    }
}
