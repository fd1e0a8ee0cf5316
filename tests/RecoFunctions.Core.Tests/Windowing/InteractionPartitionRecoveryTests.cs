using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Windowing;
using RecoFunctions.Testing;
using static RecoFunctions.Core.Tests.Windowing.Interactions;

namespace RecoFunctions.Core.Tests.Windowing;

/// <summary>
/// Property-style: over random streams (out of order, duplicated, late), random batch splits and random crashes (a failed
/// publication, a failed save, a restart after a save), the features delivered equal an uninterrupted run's, and no
/// window is ever delivered with two different values.
/// </summary>
public sealed class InteractionPartitionRecoveryTests
{
    private const string Topic = "ua.interactions.v1";

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task ProcessAsync_CrashesAndRestartsAnywhere_DeliverWhatAnUninterruptedRunDelivers(int seed)
    {
        var options = Options(TimeSpan.FromMinutes(2));
        var stream = RandomStream(new Random(seed), 1500);

        var expected = await Run(options, stream, new Random(seed + 1000), crashShare: 0);
        var recovered = await Run(options, stream, new Random(seed + 2000), crashShare: 0.15);

        Assert.True(recovered.Crashes > 0, "the run was meant to crash");
        Assert.All(recovered.Publisher.Values, pair => Assert.Single(pair.Value));
        Assert.Equal(Final(expected.Publisher), Final(recovered.Publisher));
        Assert.Equal(expected.Rejected, recovered.Rejected);
        Assert.True(expected.Rejected.Count > 0, "the stream was meant to have late events");
    }

    private static SortedDictionary<string, string> Final(RecordingPublisher publisher) =>
        new(publisher.Values.ToDictionary(pair => $"{pair.Key.User} {pair.Key.Window} {pair.Key.Start:O}", pair => pair.Value.Single()), StringComparer.Ordinal);

    private static async Task<RunOutcome> Run(WindowingOptions options, IReadOnlyList<InteractionEvent> stream, Random random, double crashShare)
    {
        var store = new FlakyWindowStateStore(new InMemoryWindowStateStore()) { FailNext = () => random.NextDouble() < crashShare / 3 };
        var publisher = new RecordingPublisher { FailNext = () => random.NextDouble() < crashShare / 3 };
        var time = TestClock.Create();
        var rejected = new SortedSet<long>();
        var crashes = 0;
        var partition = await InteractionPartition.OpenAsync(Topic, 0, store, publisher, options, time, CancellationToken.None);
        var offset = partition.ResumeOffset ?? 0;
        while (offset < stream.Count)
        {
            var size = Math.Min(random.Next(1, 120), stream.Count - (int)offset);
            var batch = Enumerable.Range((int)offset, size).Select(i => new OffsetEvent(i, stream[i])).ToList();
            try
            {
                var result = await partition.ProcessAsync(batch, offset + size, (refused, _) => AddAll(rejected, refused), CancellationToken.None);
                offset += size;
                if (random.NextDouble() >= crashShare / 3)
                {
                    continue;
                }
            }
            catch (Exception error) when (error is HttpRequestException or IOException)
            {
            }

            // A crash: everything in memory is gone; the host opens the partition again and reads from its checkpoint.
            crashes++;
            partition = await InteractionPartition.OpenAsync(Topic, 0, store, publisher, options, time, CancellationToken.None);
            offset = partition.ResumeOffset ?? 0;
        }

        return new RunOutcome(publisher, rejected, crashes);
    }

    private static Task AddAll(SortedSet<long> rejected, IReadOnlyList<RejectedOffset> refused)
    {
        foreach (var item in refused)
        {
            rejected.Add(item.Offset);
        }

        return Task.CompletedTask;
    }

    /// <summary>Sessions of a few users over three hours across midnight, jittered out of order, with duplicates, stragglers (some late), and a final event that closes every window.</summary>
    private static List<InteractionEvent> RandomStream(Random random, int count)
    {
        var users = Enumerable.Range(0, 8).Select(i => $"user-{i}").ToArray();
        var kinds = Enum.GetValues<InteractionKind>();
        var events = new List<InteractionEvent>(count + 1);
        var clock = At(22, 30);
        for (var i = 0; i < count; i++)
        {
            clock = clock.AddSeconds(random.Next(0, 15));
            var roll = random.NextDouble();
            if (roll < 0.06 && events.Count > 0)
            {
                events.Add(events[random.Next(Math.Max(0, events.Count - 50), events.Count)]);
                continue;
            }

            var time = roll < 0.1 ? clock.AddMinutes(-random.Next(5, 100)) : clock.AddSeconds(-random.Next(0, 90));
            var kind = kinds[random.Next(kinds.Length)];
            events.Add(Event(time, users[random.Next(users.Length)], $"content-{random.Next(30)}", kind, kind == InteractionKind.Dwell ? random.Next(100, 60_000) : null, id: $"e{i}"));
        }

        events.Add(Event(clock.AddDays(2), user: "closer", id: "closer"));
        return events;
    }

    private sealed record RunOutcome(RecordingPublisher Publisher, SortedSet<long> Rejected, int Crashes);
}
