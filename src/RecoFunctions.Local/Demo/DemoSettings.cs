namespace RecoFunctions.Local.Demo;

/// <summary>What <c>reco demo</c> runs: how many events, how fast, and how slow the sandbox services answer.</summary>
internal sealed record DemoSettings(
    long Count,
    double Rate,
    TimeSpan ServiceLatency,
    long Seed,
    TimeSpan Timeout,
    bool Live);
