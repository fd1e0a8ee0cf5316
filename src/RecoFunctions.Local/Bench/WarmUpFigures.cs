namespace RecoFunctions.Local.Bench;

/// <summary>What the unmeasured warm-up ran before the phases: none of its events counts in a phase.</summary>
/// <param name="Events">Events of the warm-up backlog, read in every round by the bare consumer and then by the pipeline at maximum rate.</param>
/// <param name="FixedRateEvents">Events offered in every round to the pipeline at the fixed rate and sandbox latency of phase 3.</param>
/// <param name="Rounds">Rounds run: they repeat while the JIT still compiles much.</param>
/// <param name="LastRoundJitMethods">Methods the JIT compiled during the last round (and right after it).</param>
/// <param name="Seconds">How long the warm-up took, producing included.</param>
internal sealed record WarmUpFigures(long Events, long FixedRateEvents, int Rounds, long LastRoundJitMethods, double Seconds);
