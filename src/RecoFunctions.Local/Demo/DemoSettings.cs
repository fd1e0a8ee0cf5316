namespace RecoFunctions.Local.Demo;

/// <summary>
/// What <c>reco demo</c> runs: how many events, how fast, and how slow the sandbox services answer; <see cref="WarmUp"/>
/// is the first part of the stream, counted as start-up rather than steady state in the figures.
/// </summary>
internal sealed record DemoSettings(
    long Count,
    double Rate,
    TimeSpan ServiceLatency,
    long Seed,
    TimeSpan Timeout,
    bool Live,
    TimeSpan WarmUp);
