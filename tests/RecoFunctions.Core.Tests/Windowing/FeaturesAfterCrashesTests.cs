using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Windowing;
using RecoFunctions.Sandbox.Recording;
using RecoFunctions.Testing;
using static RecoFunctions.Core.Tests.Windowing.Interactions;

namespace RecoFunctions.Core.Tests.Windowing;

/// <summary>
/// The interactions flow of one partition end to end in Core: windows → the real publisher (content API lookups, features,
/// <c>POST /features/batch</c>) → the sandbox recommender. A run that crashes (recommender outages, failed saves, restarts
/// after a save) ends with the same features, by digest, as an uninterrupted run, and never overwrites a value.
/// </summary>
public sealed class FeaturesAfterCrashesTests
{
    private const string Topic = "ua.interactions.v1";

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public async Task Partition_CrashesAndRestartsWithTheRealPublisher_RecommenderEndsWithTheUninterruptedFeatures(int seed)
    {
        var stream = Stream(new Random(seed), 1200);

        var (expected, _, _) = await RunAsync(stream, new Random(seed + 1), crashShare: 0);
        var (recovered, counts, crashes) = await RunAsync(stream, new Random(seed + 2), crashShare: 0.45);

        Assert.True(crashes > 0, "the run was meant to crash");
        Assert.True(counts.Unchanged > 0, "the crashes were meant to replay windows");
        Assert.Equal(0, counts.Overwritten);
        Assert.True(expected.Count > 50, "the stream was meant to close windows");
        Assert.Equal(FeatureDigest.Of(expected), FeatureDigest.Of(recovered));
    }

    private static async Task<(IReadOnlyList<Core.Delivery.FeatureRecord> Features, FeatureCounts Counts, int Crashes)> RunAsync(
        IReadOnlyList<InteractionEvent> stream, Random random, double crashShare)
    {
        await using var harness = await FeatureHarness.StartAsync();
        var store = new FlakyWindowStateStore(new InMemoryWindowStateStore()) { FailNext = () => random.NextDouble() < crashShare / 3 };
        var options = Options(TimeSpan.FromMinutes(2));
        var time = TestClock.Create();
        var crashes = 0;
        var partition = await InteractionPartition.OpenAsync(Topic, 0, store, harness.Publisher, options, time, CancellationToken.None);
        var offset = 0L;
        while (offset < stream.Count)
        {
            var size = (int)Math.Min(random.Next(1, 60), stream.Count - offset);
            var batch = Enumerable.Range((int)offset, size).Select(i => new OffsetEvent(i, stream[i])).ToList();
            var outage = random.NextDouble() < crashShare / 3;
            if (outage)
            {
                harness.Sandbox.Knobs.RecommenderDelivery.StartOutage(503);
            }

            try
            {
                await partition.ProcessAsync(batch, offset + size, CancellationToken.None);
                offset += size;
                if (random.NextDouble() >= crashShare / 3)
                {
                    continue;
                }
            }
            catch (Exception error) when (error is FeaturesNotPublishedException or IOException)
            {
            }
            finally
            {
                harness.Sandbox.Knobs.RecommenderDelivery.EndOutage();
            }

            // A crash: memory is gone; the partition is opened again from the store and read from its checkpoint.
            crashes++;
            partition = await InteractionPartition.OpenAsync(Topic, 0, store, harness.Publisher, options, time, CancellationToken.None);
            offset = partition.ResumeOffset ?? 0;
        }

        return (harness.Sandbox.Features.GetFeatures(), harness.Sandbox.Features.Counts, crashes);
    }

    /// <summary>A few users over three hours, out of order, with duplicates and stragglers, and a last event far ahead that closes every window.</summary>
    private static List<InteractionEvent> Stream(Random random, int count)
    {
        var kinds = Enum.GetValues<InteractionKind>();
        var events = new List<InteractionEvent>(count + 1);
        var clock = At(21, 0);
        for (var i = 0; i < count; i++)
        {
            clock = clock.AddSeconds(random.Next(0, 20));
            if (random.NextDouble() < 0.05 && events.Count > 0)
            {
                events.Add(events[random.Next(Math.Max(0, events.Count - 40), events.Count)]);
                continue;
            }

            var kind = kinds[random.Next(kinds.Length)];
            var time = clock.AddSeconds(-random.Next(0, 150));
            events.Add(Event(time, $"user-{random.Next(6)}", random.NextDouble() < 0.05 ? "missing-1" : $"art-{random.Next(25)}", kind,
                kind == InteractionKind.Dwell ? random.Next(100, 60_000) : null, id: $"e{i}"));
        }

        events.Add(Event(clock.AddDays(2), user: "closer", content: "art-0", id: "closer"));
        return events;
    }
}
