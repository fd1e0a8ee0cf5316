using RecoFunctions.Core.Domain;

namespace RecoFunctions.Core.Windowing;

/// <summary>The running totals of one user's open window: distinct events, per kind, per content, dwell.</summary>
internal sealed class WindowAggregate
{
    public const int KindCount = (int)InteractionKind.Share + 1;

    public WindowAggregate(WindowSpec spec, long startTicks)
    {
        Spec = spec;
        StartTicks = startTicks;
    }

    public WindowSpec Spec { get; }

    public long StartTicks { get; }

    public long EndTicks => StartTicks + Spec.SizeTicks;

    public int Events { get; set; }

    public int[] Counts { get; } = new int[KindCount];

    public Dictionary<string, int> ContentEvents { get; } = new(StringComparer.Ordinal);

    public long TotalDwellMs { get; set; }

    public void Add(InteractionEvent interaction)
    {
        Events++;
        Counts[(int)interaction.Kind]++;
        ContentEvents[interaction.ContentId] = ContentEvents.GetValueOrDefault(interaction.ContentId) + 1;
        TotalDwellMs += interaction.DwellMs ?? 0;
    }
}
