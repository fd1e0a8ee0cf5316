using System.Globalization;
using RecoFunctions.Sandbox.Recording;

namespace RecoFunctions.Local.Accounting;

/// <summary>
/// The verdict of a <see cref="DeliveryAudit"/>. <see cref="Passed"/>: nothing lost, nothing applied twice, nothing
/// dead-lettered for a transient reason. <see cref="PassedStrict"/> also wants every expected dead letter where it belongs.
/// </summary>
public sealed record AuditReport(IReadOnlyList<FlowAudit> Flows, DeliveryCounts Recommender)
{
    public long Produced => Flows.Sum(flow => flow.Produced);

    public long ExpectedValidPairs => Flows.Sum(flow => flow.ExpectedValidPairs);

    public long Delivered => Flows.Sum(flow => flow.Delivered);

    public long Lost => Flows.Sum(flow => flow.Lost);

    public long DuplicatesApplied => Recommender.DuplicatesApplied;

    public long UnexpectedDeadLetters => Flows.Sum(flow => flow.UnexpectedDeadLetters);

    public long TransientDeadLetters => Flows.Sum(flow => flow.TransientDeadLetters);

    public long MissingDeadLetters => Flows.Sum(flow => flow.MissingDeadLetters);

    public long MisroutedDeadLetters => Flows.Sum(flow => flow.MisroutedDeadLetters);

    public bool Passed => Lost == 0 && DuplicatesApplied == 0 && TransientDeadLetters == 0;

    public bool PassedStrict => Passed && UnexpectedDeadLetters == 0 && MissingDeadLetters == 0 && MisroutedDeadLetters == 0;

    public void WriteTo(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var flow in Flows)
        {
            WriteFlow(writer, flow);
        }

        writer.WriteLine(Line($"recommender: received {Recommender.Received}, applied {Recommender.Applied}, stale {Recommender.Stale}, rejected {Recommender.Rejected}, duplicates applied {Recommender.DuplicatesApplied}"));
        writer.WriteLine(Line($"total: produced {Produced}, expected valid pairs {ExpectedValidPairs}, delivered {Delivered}, lost {Lost}, duplicates applied {DuplicatesApplied}"));
        writer.WriteLine(Line($"dead letters: {UnexpectedDeadLetters} of valid messages ({TransientDeadLetters} for a transient reason), {MissingDeadLetters} missing, {MisroutedDeadLetters} at an unexpected stage"));
        writer.WriteLine(Passed ? "audit: PASSED (nothing lost, nothing applied twice, nothing dead-lettered for a transient reason)" : "audit: FAILED");
    }

    private static void WriteFlow(TextWriter writer, FlowAudit flow)
    {
        writer.WriteLine(Line($"flow {flow.Flow} ({flow.Topic}):"));
        writer.WriteLine(Line($"  produced {flow.Produced}: {flow.ExpectedValidMessages} valid messages ({flow.ExpectedValidPairs} distinct key-versions), {flow.ExpectedDeadLetters} to dead-letter"));
        var superseded = flow.LostSuperseded > 0 ? Line($" ({flow.LostSuperseded} superseded by a newer version)") : string.Empty;
        writer.WriteLine(Line($"  delivered {flow.Delivered} of {flow.ExpectedValidPairs} pairs; dead-lettered {flow.ValidDeadLettered}; lost {flow.Lost}{superseded}"));
        writer.WriteLine(Line($"  dead letters ({flow.DeadLetterTopic}): {flow.DeadLettered} of this run of {flow.ExpectedDeadLetters} expected; {flow.MissingDeadLetters} missing, {flow.MisroutedDeadLetters} at an unexpected stage"));
        writer.WriteLine(Line($"  dead letters of valid messages {flow.UnexpectedDeadLetters} ({flow.TransientDeadLetters} transient); repeated {flow.RepeatedDeadLetters}; from other runs {flow.ForeignDeadLetters}"));
        if (flow.DeadLettersByStage.Count > 0)
        {
            writer.WriteLine("  by stage: " + string.Join(", ", flow.DeadLettersByStage.OrderByDescending(pair => pair.Value).Select(pair => Line($"{pair.Key} {pair.Value}"))));
        }

        foreach (var (reason, count) in flow.DeadLettersByReason.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal))
        {
            writer.WriteLine(Line($"    {count,8}  {reason}"));
        }

        foreach (var sample in flow.Samples)
        {
            writer.WriteLine("  ! " + sample);
        }
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
