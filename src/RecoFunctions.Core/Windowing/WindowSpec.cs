namespace RecoFunctions.Core.Windowing;

/// <summary>One configured window in ticks: windows of <see cref="SizeTicks"/> start at every multiple of <see cref="HopTicks"/> (midnight-aligned).</summary>
internal sealed record WindowSpec(int Index, string Name, long SizeTicks, long HopTicks)
{
    /// <summary>The start of the latest window that contains <paramref name="ticks"/>; earlier ones start a hop apart while start + size &gt; ticks.</summary>
    public long LastStart(long ticks) => ticks - (ticks % HopTicks);

    /// <summary>The end of the latest window containing <paramref name="ticks"/>: the last of its windows to close.</summary>
    public long LastEnd(long ticks) => LastStart(ticks) + SizeTicks;
}
