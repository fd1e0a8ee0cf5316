namespace RecoFunctions.Local.Drills;

/// <summary>How big and how long the drills are. The command's defaults are the full drills; tests shrink what the acceptance allows.</summary>
internal sealed record DrillSettings
{
    /// <summary>Messages produced per drill.</summary>
    public long Events { get; init; } = 50_000;

    /// <summary>Messages per second offered while the fault happens.</summary>
    public double Rate { get; init; } = 5_000;

    /// <summary>Interactions streamed in the windows-kill drill.</summary>
    public long Interactions { get; init; } = 200_000;

    /// <summary>Interactions per second offered in the windows-kill drill.</summary>
    public double InteractionRate { get; init; } = 10_000;

    /// <summary>SIGKILLs of <c>reco run</c> in the kill-and-restart drill.</summary>
    public int Kills { get; init; } = 3;

    public TimeSpan Outage { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan Stall { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Share of hostile and of invalid messages in the poison drill (each; together 30 % by default).</summary>
    public double PoisonShare { get; init; } = 0.15;

    /// <summary>How long the pipeline may take to drain after the fault and the stream have ended.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromMinutes(3);

    public string RecoDll { get; init; } = RecoProcess.DefaultRecoDll;

    /// <summary>Where progress lines go (standard error for the command, the test output in tests).</summary>
    public Action<string> Log { get; init; } = static _ => { };

    /// <summary>How long producing the stream takes at <see cref="Rate"/>.</summary>
    public TimeSpan StreamLength => TimeSpan.FromSeconds(Events / Rate);
}
