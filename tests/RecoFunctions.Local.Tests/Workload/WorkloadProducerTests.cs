using System.Text;
using Confluent.Kafka;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Runtime.Kafka;
using RecoFunctions.Local.Tests.Support;
using RecoFunctions.Local.Workload;

namespace RecoFunctions.Local.Tests.Workload;

public sealed class WorkloadProducerTests
{
    private static readonly WorkloadSpec Messy = new()
    {
        Count = 3000,
        Keys = 100,
        Seed = 11,
        InvalidShare = 0.04,
        HostileShare = 0.04,
        DuplicateShare = 0.04,
        OutOfOrderShare = 0.04,
        MissingShare = 0.04,
        MaxOversized = 1,
    };

    [Fact]
    public async Task Produce_ToEmbeddedKafka_EveryRecordIsInTheManifestWithItsKeyAndSendTime()
    {
        using var kafka = EmbeddedKafka.Start(defaultPartitions: 4);
        var topics = ShippedConfiguration.Flows.Flows.Select(flow => flow.Topic).ToArray();
        foreach (var topic in topics)
        {
            kafka.EnsureTopic(topic);
        }

        var before = DateTimeOffset.UtcNow.AddMilliseconds(-1);
        ProduceReport report;
        using (var producer = WorkloadProducer.CreateProducer(kafka.BootstrapServers))
        {
            report = await new WorkloadProducer(ShippedConfiguration.Pipeline).ProduceAsync(producer, Messy, CancellationToken.None);
        }

        var after = DateTimeOffset.UtcNow.AddMilliseconds(1);
        var records = TopicReader.ReadAll(kafka.BootstrapServers, topics);

        Assert.Equal(0, report.Failed);
        Assert.False(report.Cancelled);
        Assert.Equal(Messy.Count, report.Attempted);
        Assert.Equal(Messy.Count, report.Sent + report.RefusedTooLarge);
        Assert.Equal(report.Sent, records.Count);
        Assert.All(records, record =>
        {
            Assert.Equal(TimestampType.CreateTime, record.Message.Timestamp.Type);
            Assert.InRange(record.Message.Timestamp.UtcDateTime, before.UtcDateTime, after.UtcDateTime);
        });
        AssertMatchesManifest(report, records);
    }

    [Fact]
    public async Task Produce_Cancelled_StopsEarlyAndReportsWhatWasAcknowledged()
    {
        using var kafka = EmbeddedKafka.Start(defaultPartitions: 4);
        using var producer = WorkloadProducer.CreateProducer(kafka.BootstrapServers);
        using var cancellation = new CancellationTokenSource();
        var generator = new WorkloadGenerator(Messy with { Count = 1_000_000, HostileShare = 0 }, ShippedConfiguration.Pipeline);
        var manifest = new RecoFunctions.Local.Accounting.WorkloadManifest(DateTimeOffset.UtcNow, "test");
        var messages = generator.Generate().Select((message, index) =>
        {
            if (index == 5000)
            {
                cancellation.Cancel();
            }

            return message;
        });

        var report = await new WorkloadProducer(ShippedConfiguration.Pipeline).ProduceAsync(producer, messages, 0, manifest, cancellation.Token);

        Assert.True(report.Cancelled);
        Assert.InRange(report.Attempted, 5000, 7000);
        Assert.Equal(report.Attempted, report.Sent);
        Assert.Equal(report.Sent, TopicReader.ReadAll(kafka.BootstrapServers, [.. ShippedConfiguration.Flows.Flows.Select(f => f.Topic)]).Count);
    }

    /// <summary>Valid pairs, expected dead letters and partition spans of the manifest agree with what is in Kafka.</summary>
    private static void AssertMatchesManifest(ProduceReport report, List<ConsumeResult<byte[]?, byte[]?>> records)
    {
        var intake = ShippedConfiguration.Intake(TimeProvider.System);
        foreach (var flow in report.Manifest.Flows)
        {
            var expectedDeadLetters = flow.ExpectedDeadLetters.ToDictionary(letter => (letter.Partition, letter.Offset));
            var pairs = new HashSet<(string, long)>();
            var ofFlow = records.Where(record => record.Topic == flow.Topic).ToList();
            Assert.Equal(flow.Produced, ofFlow.Count);
            foreach (var record in ofFlow)
            {
                var key = record.Message.Key is { } bytes ? Encoding.UTF8.GetString(bytes) : null;
                var verdict = intake.Accept(new KafkaMessage(record.Topic, record.Partition.Value, record.Offset.Value, key, [], DateTimeOffset.UtcNow,
                    record.Message.Value ?? ReadOnlyMemory<byte>.Empty));
                Assert.True(flow.Partitions[record.Partition.Value].Contains(record.Offset.Value));
                if (expectedDeadLetters.TryGetValue((record.Partition.Value, record.Offset.Value), out var expected))
                {
                    Assert.Equal(expected.Key, key);
                    Assert.Equal(expected.Fate == MessageFate.Invalid, !verdict.IsValid);
                }
                else
                {
                    Assert.True(verdict.IsValid, $"{record.TopicPartitionOffset}: {verdict.Reason}");
                    Assert.Equal(key, verdict.Event!.Key);
                    pairs.Add((key!, verdict.Event.Version));
                }
            }

            Assert.Equal(flow.DistinctValidPairs, pairs.Count);
            Assert.All(pairs, pair => Assert.True(flow.ValidPairs[pair.Item1].Contains(pair.Item2)));
            Assert.Equal(flow.CountOf(MessageFate.Invalid) + flow.CountOf(MessageFate.PermanentFailure), expectedDeadLetters.Count);
        }
    }
}
