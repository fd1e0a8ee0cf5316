using RecoFunctions.Core.Diagnostics;

namespace RecoFunctions.Local.Demo;

/// <summary>
/// The interactions flow's part of a demo run: interactions produced, the windowed features the recommender holds at the
/// end (and the calls that brought them), and the flow's dead letters (late ones among them), and how fresh the features were: from the oldest record of a batch that closed windows to the
/// recommender taking them.
/// </summary>
internal sealed record DemoInteractions(long Produced, int FeaturesHeld, long FeatureCalls, long UnchangedReplays, long DeadLettered, long Late, LatencySummary Freshness);
