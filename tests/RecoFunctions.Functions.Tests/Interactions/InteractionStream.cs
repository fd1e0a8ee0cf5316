using System.Globalization;
using System.Text;
using Microsoft.Azure.Functions.Worker;

namespace RecoFunctions.Functions.Tests.Interactions;

/// <summary>
/// A deterministic stream of interactions as the Kafka trigger delivers them, over two partitions (key = user id): users'
/// sessions from 18:00 to 19:20 in event time, a share of them out of order and duplicated (same eventId again), and at
/// the end one event of 18:10 that every window has passed by then (late).
/// </summary>
internal sealed class InteractionStream
{
    public const string Topic = "ua.interactions.v1";

    public const int Partitions = 2;

    public static readonly DateTimeOffset Start = new(2026, 11, 20, 18, 0, 0, TimeSpan.Zero);

    private static readonly string[] Kinds = ["view", "click", "dwell", "play", "complete", "like", "share"];

    private InteractionStream(IReadOnlyList<Interaction> events, IReadOnlyList<KafkaRecord> records)
    {
        Events = events;
        Records = records;
    }

    /// <summary>What was produced, in production order, duplicates included; the late event is the last.</summary>
    public IReadOnlyList<Interaction> Events { get; }

    /// <summary>The records, in offset order per partition.</summary>
    public IReadOnlyList<KafkaRecord> Records { get; }

    public Interaction Late => Events[^1];

    public static string[] UserIds { get; } = [.. Enumerable.Range(1, 8).Select(user => string.Create(CultureInfo.InvariantCulture, $"u-{7000 + user}"))];

    public static InteractionStream Create(int seed)
    {
        var random = new Random(seed);
        var events = new List<Interaction>();
        var time = Start;
        var sequence = 0;
        while (time < Start.AddMinutes(80))
        {
            time = time.AddSeconds(random.Next(5, 25));
            var user = UserIds[random.Next(UserIds.Length)];
            var kind = Kinds[random.Next(Kinds.Length)];
            var eventTime = random.NextDouble() < 0.2 ? time.AddSeconds(-random.Next(1, 50)) : time;
            var interaction = new Interaction($"ev-{seed}-{sequence++}", kind, eventTime, user, $"c-{random.Next(1, 7)}", kind == "dwell" ? random.Next(1000, 90_000) : null);
            events.Add(interaction);
            if (random.NextDouble() < 0.05)
            {
                events.Add(interaction);
            }
        }

        events.Add(new Interaction($"ev-{seed}-late", "view", Start.AddMinutes(10), UserIds[0], "c-1", null));
        return new InteractionStream(events, ToRecords(events));
    }

    /// <summary>The records of all partitions cut into trigger batches of <paramref name="size"/>, partitions interleaved as one consumer sees them.</summary>
    public IReadOnlyList<KafkaRecord[]> Batches(int size) =>
    [
        .. Records
            .GroupBy(record => record.Partition)
            .SelectMany(partition => partition.Select((record, index) => (record, batch: index / size)))
            .GroupBy(item => item.batch)
            .OrderBy(group => group.Key)
            .Select(group => group.Select(item => item.record).ToArray()),
    ];

    public static int PartitionOf(string userId) => Array.IndexOf(UserIds, userId) % Partitions;

    public static KafkaRecord Record(int partition, long offset, string key, string json) => new()
    {
        Topic = Topic,
        Partition = partition,
        Offset = offset,
        Key = Encoding.UTF8.GetBytes(key),
        Value = Encoding.UTF8.GetBytes(json),
        Timestamp = new KafkaTimestamp { UnixTimestampMs = Start.ToUnixTimeMilliseconds() },
        Headers = [],
    };

    private static List<KafkaRecord> ToRecords(IEnumerable<Interaction> events)
    {
        var offsets = new long[Partitions];
        var records = new List<KafkaRecord>();
        foreach (var interaction in events)
        {
            var partition = PartitionOf(interaction.UserId);
            records.Add(Record(partition, offsets[partition]++, interaction.UserId, interaction.Json()));
        }

        return records;
    }

    public sealed record Interaction(string EventId, string Kind, DateTimeOffset OccurredAt, string UserId, string ContentId, int? DwellMs)
    {
        public string Json()
        {
            var dwell = DwellMs is { } ms ? string.Create(CultureInfo.InvariantCulture, $",\"dwellMs\":{ms}") : string.Empty;
            return string.Create(
                CultureInfo.InvariantCulture,
                $$$"""{"eventId":"{{{EventId}}}","eventType":"interaction.{{{Kind}}}","occurredAt":"{{{OccurredAt:yyyy-MM-ddTHH:mm:ss.fffZ}}}","interaction":{"userId":"{{{UserId}}}","contentId":"{{{ContentId}}}","sessionId":"s-{{{EventId}}}"{{{dwell}}},"device":"web"}}""");
        }
    }
}
