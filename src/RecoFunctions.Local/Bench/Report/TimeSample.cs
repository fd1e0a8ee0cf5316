namespace RecoFunctions.Local.Bench.Report;

/// <summary>One second of a pipeline phase, for the report's charts.</summary>
/// <param name="Seconds">Since the phase's runtime started.</param>
/// <param name="EventsPerSecond">Events finished in the second before this sample.</param>
/// <param name="Lag">Messages of the phase's topics not finished yet (all flows).</param>
/// <param name="InFlight">Messages consumed and not finished.</param>
/// <param name="MachineBusyCores">Cores of the machine busy in the second before this sample, all processes; null where unknown.</param>
internal sealed record TimeSample(double Seconds, double EventsPerSecond, long Lag, long InFlight, double? MachineBusyCores = null);
