using System.Globalization;
using RecoFunctions.Local.Accounting;
using RecoFunctions.Local.Workload;

namespace RecoFunctions.Local.Cli.Produce;

/// <summary>What <c>reco produce</c> writes to standard error when it ends.</summary>
internal static class ProduceSummary
{
    public static void Write(TextWriter writer, ProduceReport report, string destination)
    {
        var seconds = Math.Max(report.Elapsed.TotalSeconds, 1e-9);
        var throughput = report.Bytes / 1_048_576.0 / seconds;
        var refused = report.RefusedTooLarge > 0 ? Line($", {report.RefusedTooLarge} oversized values refused by Kafka (not sent)") : string.Empty;
        var stopped = report.Cancelled ? ", stopped early" : string.Empty;
        writer.WriteLine(Line($"reco produce: sent {report.Sent} of {report.Attempted} messages to {destination} in {report.Elapsed.TotalSeconds:0.00} s ({report.Rate:0} msg/s, {throughput:0.0} MB/s); {report.Failed} failed{refused}{stopped}"));
        WriteFlows(writer, report.Manifest);
        foreach (var failure in report.FailureSamples)
        {
            writer.WriteLine("  failed: " + failure);
        }
    }

    public static void WriteFlows(TextWriter writer, WorkloadManifest manifest)
    {
        foreach (var flow in manifest.Flows)
        {
            var categories = string.Join(", ", Enum.GetValues<MessageCategory>()
                .Where(category => flow.CountOf(category) > 0)
                .Select(category => Line($"{Describe(category)} {flow.CountOf(category)}")));
            var failed = flow.Failed > 0 ? Line($", {flow.Failed} failed") : string.Empty;
            writer.WriteLine(Line($"  {flow.Flow} ({flow.Topic}): {flow.Produced} sent{failed}: {categories}"));
            var late = flow.CountOf(MessageFate.Late) > 0 ? Line($", {flow.CountOf(MessageFate.Late)} at window (late)") : string.Empty;
            writer.WriteLine(Line($"    expected: {flow.CountOf(MessageFate.Valid)} reach the recommender ({flow.DistinctValidPairs} distinct key-versions), {flow.CountOf(MessageFate.Invalid)} dead letters at parse/validate, {flow.CountOf(MessageFate.PermanentFailure)} at enrich/deliver{late} ({flow.DeadLetterTopic})"));
        }
    }

    public static string Describe(MessageCategory category) => category switch
    {
        MessageCategory.OutOfOrder => "out of order",
        MessageCategory.PermanentFailure => "permanent failure",
        _ => category.ToString().ToLowerInvariant(),
    };

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
