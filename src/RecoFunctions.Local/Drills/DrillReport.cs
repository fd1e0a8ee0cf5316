using System.Globalization;

namespace RecoFunctions.Local.Drills;

/// <summary>All drills of one <c>reco drill</c> run.</summary>
public sealed record DrillReport(IReadOnlyList<DrillResult> Drills)
{
    public bool Passed => Drills.All(drill => drill.Passed);

    public void WriteTo(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var drill in Drills)
        {
            writer.WriteLine(Line($"drill {drill.Name}: {(drill.Passed ? "PASSED" : "FAILED")}"));
            writer.WriteLine(drill.Audited
                ? Line($"  produced {drill.Produced}, valid key-versions {drill.ExpectedValidPairs}, delivered {drill.Delivered}, dead-lettered {drill.DeadLettered}, lost {drill.Lost}, duplicates applied {drill.DuplicatesApplied}, transient dead letters {drill.TransientDeadLetters}")
                : "  not audited: the drill broke off before its audit, so nothing was measured (why below)");
            if (drill.DrainSeconds is { } drain)
            {
                writer.WriteLine(Line($"  drained {drain:0.0} s after the fault ended"));
            }

            if (drill.ThroughputPerSecond is { } throughput)
            {
                writer.WriteLine(Line($"  healthy throughput {throughput:0} msg/s"));
            }

            foreach (var (reason, count) in drill.DeadLetteredByReason.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal))
            {
                writer.WriteLine(Line($"    {count,8}  {reason}"));
            }

            foreach (var note in drill.Notes)
            {
                writer.WriteLine("  " + note);
            }

            foreach (var failure in drill.Failures)
            {
                writer.WriteLine("  ! " + failure);
            }
        }

        writer.WriteLine(Line($"drills: {Drills.Count(d => d.Passed)} of {Drills.Count} passed"));
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
