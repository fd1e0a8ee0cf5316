namespace RecoFunctions.Local.Bench;

/// <summary>The readings <see cref="CpuFigures"/> takes at the start of a window; the children's are null where there is no such process.</summary>
internal readonly record struct CpuStart(
    TimeSpan Cpu, long At, (long Busy, long Total)? Machine, long JitMethods, TimeSpan JitTime, TimeSpan? Broker, TimeSpan? Sandbox);
