using System.Text;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Intake;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Parsing;

namespace RecoFunctions.Functions.Tests.Planning;

/// <summary>Kafka messages and a stand-in intake for the trigger-side tests: values are "ok:&lt;id&gt;" or "bad".</summary>
internal static class TestMessages
{
    public const string Topic = "oicms.content.v1";

    public static readonly DateTimeOffset Produced = new(2026, 11, 21, 9, 59, 0, TimeSpan.Zero);

    public static KafkaMessage Message(int partition, long offset, string value = "ok", string? key = null) =>
        new(Topic, partition, offset, key ?? $"art-{offset}", [new KafkaHeader("trace", [1, 2])], Produced.AddSeconds(offset), Encoding.UTF8.GetBytes(value));

    /// <summary>Accepts values starting with "ok" as content events keyed by the message key; rejects the rest at validation.</summary>
    public static IntakeResult Accept(KafkaMessage message)
    {
        var text = Encoding.UTF8.GetString(message.Value.Span);
        if (!text.StartsWith("ok", StringComparison.Ordinal))
        {
            return new IntakeResult(message.Id, null, [new Violation("$.content.title", "maxLength", "too long")], PipelineStage.Validate);
        }

        var content = new ContentItem(message.Key!, 1, "article", "Title", "en-GB", null, ["sport"], message.Timestamp);
        return new IntakeResult(message.Id, new ContentEvent("evt-" + message.Offset, ContentEventType.Published, message.Timestamp, content), [], PipelineStage.Validate);
    }
}
