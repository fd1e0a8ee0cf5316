using RecoFunctions.Core.Contracts;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Parsing;

namespace RecoFunctions.Core.Intake;

/// <summary>Maps <see cref="ContentEventV1"/> onto <see cref="ContentEvent"/>.</summary>
internal sealed class ContentEventMapper : IEventMapper
{
    private static readonly Dictionary<string, ContentEventType> EventTypes = new(StringComparer.Ordinal)
    {
        ["content.published"] = ContentEventType.Published,
        ["content.updated"] = ContentEventType.Updated,
        ["content.unpublished"] = ContentEventType.Unpublished,
    };

    public PipelineEvent? Map(ReadOnlySpan<byte> json, ref List<Violation>? violations)
    {
        if (!MappingChecks.TryRead(json, ContractsJsonContext.Default.ContentEventV1, out var wire, ref violations))
        {
            return null;
        }

        var eventId = MappingChecks.Required(wire!.EventId, "$.eventId", ref violations);
        var eventType = MappingChecks.Enum(wire.EventType, "$.eventType", EventTypes, ref violations);
        var occurredAt = MappingChecks.Required(wire.OccurredAt, "$.occurredAt", ref violations);
        var content = MapContent(wire.Content, ref violations);
        return violations is null ? new ContentEvent(eventId, eventType, occurredAt, content!) : null;
    }

    private static ContentItem? MapContent(ContentV1? wire, ref List<Violation>? violations)
    {
        if (wire is null)
        {
            MappingChecks.Add(ref violations, "$.content", RuleNames.Required, "is required");
            return null;
        }

        return new ContentItem(
            ContentId: MappingChecks.Required(wire.ContentId, "$.content.contentId", ref violations),
            Version: MappingChecks.Required(wire.Version, "$.content.version", ref violations),
            Kind: MappingChecks.Required(wire.Kind, "$.content.kind", ref violations),
            Title: wire.Title,
            Locale: wire.Locale,
            SourceUrl: MappingChecks.OptionalUrl(wire.SourceUrl, "$.content.sourceUrl", ref violations),
            Tags: MappingChecks.Strings(wire.Tags, "$.content.tags", ref violations),
            PublishedAt: wire.PublishedAt);
    }
}
