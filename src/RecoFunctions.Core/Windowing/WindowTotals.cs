using RecoFunctions.Core.Domain;

namespace RecoFunctions.Core.Windowing;

/// <summary>Distinct events, per kind, per content and dwell: of one pane while it fills, or of a window merged from its panes.</summary>
internal sealed class WindowTotals
{
    public const int KindCount = (int)InteractionKind.Share + 1;

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

    public void Add(WindowTotals pane)
    {
        Events += pane.Events;
        for (var kind = 0; kind < KindCount; kind++)
        {
            Counts[kind] += pane.Counts[kind];
        }

        foreach (var (contentId, events) in pane.ContentEvents)
        {
            ContentEvents[contentId] = ContentEvents.GetValueOrDefault(contentId) + events;
        }

        TotalDwellMs += pane.TotalDwellMs;
    }
}
