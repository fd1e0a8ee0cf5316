using System.Globalization;
using System.Text;
using Microsoft.Azure.Functions.Worker;

namespace RecoFunctions.Functions.Tests.Durable.Host;

/// <summary>
/// Valid content events as the Kafka trigger delivers them: a typical one (short title, three tags, about 350 bytes)
/// or the largest the content contract's validation accepts (300-character title, 50 tags of 64 characters).
/// </summary>
public static class ContentRecords
{
    public const string Topic = "oicms.content.v1";

    public static KafkaRecord[] Batch(int partition, int count, bool largest) =>
        [.. Enumerable.Range(0, count).Select(offset => Create(partition, offset, largest))];

    private static KafkaRecord Create(int partition, long offset, bool largest)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"art-{partition}-{offset}");
        var title = largest ? new string('T', 300) : "Late goal settles the derby as the league leaders drop points";
        var tags = largest
            ? Enumerable.Range(0, 50).Select(tag => string.Create(CultureInfo.InvariantCulture, $"{tag:D2}") + new string('t', 62))
            : ["sport", "football", "derby"];
        var tagList = string.Join(',', tags.Select(tag => $"\"{tag}\""));
        var json = string.Create(
            CultureInfo.InvariantCulture,
            $$$"""{"eventId":"evt-{{{key}}}","eventType":"content.published","occurredAt":"2026-11-21T09:59:00Z","content":{"contentId":"{{{key}}}","version":1,"kind":"article","title":"{{{title}}}","locale":"en-GB","sourceUrl":"https://cms.example/articles/{{{offset}}}","tags":[{{{tagList}}}],"publishedAt":"2026-11-21T09:58:00Z"}}""");
        return new KafkaRecord
        {
            Topic = Topic,
            Partition = partition,
            Offset = offset,
            Key = Encoding.UTF8.GetBytes(key),
            Value = Encoding.UTF8.GetBytes(json),
            Timestamp = new KafkaTimestamp { UnixTimestampMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() },
            Headers = [],
        };
    }
}
