namespace RecoFunctions.Local.Bench;

/// <summary>Peaks sampled during one phase. The working set is the whole process: pipeline, sandbox and an embedded broker.</summary>
internal sealed record MemoryFigures(double PeakWorkingSetMb, double PeakGcHeapMb, long PeakInFlight);
