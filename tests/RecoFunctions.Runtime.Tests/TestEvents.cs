using System.Globalization;
using System.Text;
using RecoFunctions.Core.Delivery;

namespace RecoFunctions.Runtime.Tests;

/// <summary>Event values of both flows, valid or broken in a known way, with their Kafka key.</summary>
internal static class TestEvents
{
    public const string ContentTopic = "oicms.content.v1";
    public const string CampaignTopic = "cm.events.v1";

    public static TestEvent Content(string key, long version, DateTimeOffset now)
    {
        var at = Timestamp(now);
        return new TestEvent(ContentTopic, key, version, DeliveryKinds.Item, Utf8(
            $$$"""{"eventId":"c-{{{key}}}-{{{version}}}","eventType":"content.published","occurredAt":"{{{at}}}","content":{"contentId":"{{{key}}}","version":{{{version}}},"kind":"article","title":"Title of {{{key}}}","locale":"en-GB","sourceUrl":"https://cms.example/articles/{{{key}}}","tags":["sport"],"publishedAt":"{{{at}}}"}}"""));
    }

    public static TestEvent Campaign(string key, long version, DateTimeOffset now)
    {
        var at = Timestamp(now);
        var end = Timestamp(now.AddDays(30));
        return new TestEvent(CampaignTopic, key, version, DeliveryKinds.Campaign, Utf8(
            $$$"""{"eventId":"m-{{{key}}}-{{{version}}}","eventType":"campaign.activated","occurredAt":"{{{at}}}","campaign":{"campaignId":"{{{key}}}","version":{{{version}}},"name":"Campaign {{{key}}}","placementId":"home-hero","contentIds":["art-1","art-2"],"segmentIds":["seg-1"],"priority":5,"startAt":"{{{at}}}","endAt":"{{{end}}}"}}"""));
    }

    /// <summary>Valid JSON without the required <c>eventType</c>: dead-lettered at the validate stage.</summary>
    public static TestEvent MissingEventType(string topic, string key) =>
        new(topic, key, 0, string.Empty, Utf8($$"""{"eventId":"x-{{key}}","occurredAt":"2026-11-21T10:00:00Z"}"""));

    /// <summary>Not JSON at all: dead-lettered at the parse stage.</summary>
    public static TestEvent NotJson(string topic, string key) => new(topic, key, 0, string.Empty, Utf8("{this is not json"));

    /// <summary>Bytes that are not UTF-8.</summary>
    public static TestEvent InvalidUtf8(string topic, string key) => new(topic, key, 0, string.Empty, [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D]);

    /// <summary>A value larger than Pipeline:MaxPayloadBytes (1 MiB as shipped).</summary>
    public static TestEvent Oversized(string topic, string key, int size) =>
        new(topic, key, 0, string.Empty, Enumerable.Repeat((byte)'x', size).ToArray());

    private static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static byte[] Utf8(string value) => Encoding.UTF8.GetBytes(value);
}
