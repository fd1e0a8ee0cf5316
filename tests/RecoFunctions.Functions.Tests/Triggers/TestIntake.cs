using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Intake;
using RecoFunctions.Testing;

namespace RecoFunctions.Functions.Tests.Triggers;

/// <summary>The real intake over the repository's configuration, and Kafka records as the trigger binding delivers them.</summary>
internal static class TestIntake
{
    public const string ContentTopic = "oicms.content.v1";

    public static MessageIntake Create()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "config", "appsettings.json"), optional: false)
            .Build();
        var options = configuration.GetSection(PipelineOptions.SectionName).Get<PipelineOptions>()
            ?? throw new InvalidOperationException("config/appsettings.json has no Pipeline section.");
        return MessageIntake.Create(options, TestClock.Create());
    }

    public static KafkaRecord ValidContent(int partition, long offset) => ValidContent(partition, offset, $"art-{offset}");

    /// <summary>A valid content event for <paramref name="key"/> (the sandbox fails "missing-" and "rejected-" keys permanently).</summary>
    public static KafkaRecord ValidContent(int partition, long offset, string key)
    {
        var json = $$$"""
            {"eventId":"evt-{{{offset}}}","eventType":"content.published","occurredAt":"2026-11-21T09:59:00Z",
             "content":{"contentId":"{{{key}}}","version":1,"kind":"article","title":"Title","locale":"en-GB",
                        "sourceUrl":"https://cms.example/articles/{{{offset}}}","tags":["sport"],"publishedAt":"2026-11-21T09:58:00Z"}}
            """;
        return Record(partition, offset, key, json);
    }

    public static KafkaRecord Invalid(int partition, long offset) => Record(partition, offset, $"art-{offset}", "{ not json");

    private static KafkaRecord Record(int partition, long offset, string key, string value) => new()
    {
        Topic = ContentTopic,
        Partition = partition,
        Offset = offset,
        Key = Encoding.UTF8.GetBytes(key),
        Value = Encoding.UTF8.GetBytes(value),
        Timestamp = new KafkaTimestamp { UnixTimestampMs = TestClock.Start.ToUnixTimeMilliseconds() - 1000 },
        Headers = [],
    };
}
