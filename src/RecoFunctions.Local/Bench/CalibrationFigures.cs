namespace RecoFunctions.Local.Bench;

/// <summary>
/// How fast this machine runs Core's parse and validate (<c>MessageIntake.Accept</c>) on one thread over a sample of the
/// bench's own events: a figure to compare machines by, since the bench's other figures depend on the machine too.
/// </summary>
/// <param name="EventsPerSecond">The best of the measured rounds: events per second of the thread's processor time (see <paramref name="PerProcessorTime"/>).</param>
/// <param name="MicrosecondsPerEvent">Its inverse: processor time per event.</param>
/// <param name="SampleEvents">Events in the sample, accepted over and over.</param>
/// <param name="Rounds">Measured rounds, after an unmeasured warm-up.</param>
/// <param name="RoundMilliseconds">Length of each round, wall-clock.</param>
/// <param name="PerProcessorTime">
/// True where the thread's processor time was known (Linux): the figure does not drop when other work competes for the
/// cores. False: per wall-clock second, which it does.
/// </param>
internal sealed record CalibrationFigures(double EventsPerSecond, double MicrosecondsPerEvent, int SampleEvents, int Rounds, double RoundMilliseconds, bool PerProcessorTime);
