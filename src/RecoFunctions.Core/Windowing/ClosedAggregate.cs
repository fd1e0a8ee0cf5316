namespace RecoFunctions.Core.Windowing;

/// <summary>A user's window that has closed, with its totals merged from its panes, until it is turned into a <see cref="ClosedWindow"/>.</summary>
internal readonly record struct ClosedAggregate(string UserKey, WindowSpec Spec, long StartTicks, WindowTotals Totals)
{
    public long EndTicks => StartTicks + Spec.SizeTicks;
}
