using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Domain;
using RecoFunctions.Local.Accounting;
using RecoFunctions.Local.Tests.Support;
using RecoFunctions.Local.Workload;

namespace RecoFunctions.Local.Tests.Accounting;

public sealed class DeliveryAuditTests
{
    private static readonly WorkloadSpec Messy = new()
    {
        Count = 600,
        Keys = 40,
        Seed = 7,
        InvalidShare = 0.05,
        HostileShare = 0.05,
        DuplicateShare = 0.05,
        OutOfOrderShare = 0.05,
        MissingShare = 0.05,
        MaxOversized = 1,
    };

    [Fact]
    public async Task Audit_EverythingDeliveredOrDeadLettered_NothingLostAndStrictPass()
    {
        await using var bench = await AuditBench.StartAsync();
        var produced = await bench.ProduceAsync(Messy);
        await new PipelineSimulator(bench.Kafka.BootstrapServers, bench.Sandbox, AuditBench.Pipeline).RunAsync();

        var report = await bench.AuditAsync(produced.Manifest);

        Assert.True(report.PassedStrict, Describe(report));
        Assert.Equal(0, report.Lost);
        Assert.Equal(produced.Manifest.Flows.Sum(flow => flow.DistinctValidPairs), report.Delivered);
        Assert.All(report.Flows, flow => Assert.Equal(flow.ExpectedDeadLetters, flow.DeadLettered));
        Assert.Contains(report.Flows, flow => flow.DeadLettersByStage.ContainsKey(PipelineStage.Parse) && flow.DeadLettersByStage.ContainsKey(PipelineStage.Enrich));
        Assert.Contains(report.Flows.SelectMany(flow => flow.DeadLettersByReason.Keys), reason => reason == "enrich: content-api 404");
        Assert.True(bench.Sandbox.Recorder.Counts.Stale > 0, "duplicates and out-of-order versions reach the recommender as stale");
    }

    [Fact]
    public async Task Audit_OneValidMessageDropped_LostOneAndNamesIt()
    {
        await using var bench = await AuditBench.StartAsync();
        var produced = await bench.ProduceAsync(Messy);
        var victim = UniquePair(produced.Manifest);
        await new PipelineSimulator(bench.Kafka.BootstrapServers, bench.Sandbox, AuditBench.Pipeline) { Drop = e => Is(e, victim) }.RunAsync();

        var report = await bench.AuditAsync(produced.Manifest);

        Assert.False(report.Passed);
        Assert.Equal(1, report.Lost);
        Assert.Contains(report.Flows.SelectMany(flow => flow.Samples), sample => sample.StartsWith($"lost: {victim.Kind} {victim.Key} v{victim.Version}", StringComparison.Ordinal));
        Assert.Equal(0, report.TransientDeadLetters);
    }

    [Fact]
    public async Task Audit_ValidMessageDeadLetteredForATransientReason_FlaggedNotLost()
    {
        await using var bench = await AuditBench.StartAsync();
        var produced = await bench.ProduceAsync(Messy);
        var victim = UniquePair(produced.Manifest);
        var simulator = new PipelineSimulator(bench.Kafka.BootstrapServers, bench.Sandbox, AuditBench.Pipeline)
        {
            DeadLetterInstead = e => Is(e, victim)
                ? new DeadLetterFailure(DeadLetterStage.Workflow, "retry budget exhausted: recommender-api: 503 ServiceUnavailable") { Source = "recommender-api", Status = 503, IsTransient = true }
                : null,
        };
        await simulator.RunAsync();

        var report = await bench.AuditAsync(produced.Manifest);

        Assert.False(report.Passed);
        Assert.Equal(0, report.Lost);
        Assert.Equal(1, report.TransientDeadLetters);
        Assert.Contains(report.Flows.SelectMany(flow => flow.Samples), sample => sample.StartsWith($"transient: valid {victim.Key} v{victim.Version}", StringComparison.Ordinal));
        Assert.Equal(1, report.Flows.Sum(flow => flow.ValidDeadLettered));
    }

    [Fact]
    public async Task Audit_InvalidMessageNeverDeadLettered_MissingFailsOnlyTheStrictVerdict()
    {
        await using var bench = await AuditBench.StartAsync();
        var produced = await bench.ProduceAsync(Messy with { HostileShare = 0, MissingShare = 0 });
        var content = produced.Manifest.Find("content")!;
        var expected = content.ExpectedDeadLetters[0];
        await new PipelineSimulator(bench.Kafka.BootstrapServers, bench.Sandbox, AuditBench.Pipeline).RunAsync();
        var records = await new DeadLetterReader(bench.Kafka.BootstrapServers).ReadAsync(produced.Manifest.Flows.Select(flow => flow.DeadLetterTopic), CancellationToken.None);

        var report = DeliveryAudit.Evaluate(
            produced.Manifest,
            RecommenderSnapshot.Of(bench.Sandbox.Recorder),
            [.. records.Where(r => (r.OriginalTopic, r.OriginalPartition, r.OriginalOffset) != (content.Topic, expected.Partition, expected.Offset))]);

        Assert.True(report.Passed);
        Assert.False(report.PassedStrict);
        Assert.Equal(1, report.MissingDeadLetters);
        Assert.Contains(report.Flows.SelectMany(flow => flow.Samples), sample => sample.StartsWith($"missing: {expected.Case}", StringComparison.Ordinal));
    }

    private static bool Is(PipelineEvent domainEvent, (string Kind, string Key, long Version) pair) =>
        domainEvent.Key == pair.Key && domainEvent.Version == pair.Version;

    /// <summary>A valid (key, version) the run sent exactly once, so that dropping that one message loses it.</summary>
    private static (string Kind, string Key, long Version) UniquePair(WorkloadManifest manifest)
    {
        var flow = manifest.Find("content")!;
        var (key, versions) = flow.ValidPairs.OrderBy(pair => pair.Key, StringComparer.Ordinal).First(pair => pair.Value.Count > 3);
        return (flow.DeliveryKind, key, versions.Ranges[0].From);
    }

    private static string Describe(AuditReport report)
    {
        using var writer = new StringWriter();
        report.WriteTo(writer);
        return writer.ToString();
    }
}
