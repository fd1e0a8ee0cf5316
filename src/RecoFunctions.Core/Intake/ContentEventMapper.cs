using System.Text.Json;
using RecoFunctions.Core.Contracts;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Parsing;

namespace RecoFunctions.Core.Intake;

/// <summary>
/// Maps a <see cref="ContentEventV1"/> message onto <see cref="ContentEvent"/>. The source URL is checked here only
/// where the flow's rules do not check it already (<paramref name="sourceUrlValidated"/>).
/// </summary>
internal sealed class ContentEventMapper(bool sourceUrlValidated) : IEventMapper
{
    private static readonly WireNames<ContentEventType> EventTypes = new(
        ("content.published", ContentEventType.Published),
        ("content.updated", ContentEventType.Updated),
        ("content.unpublished", ContentEventType.Unpublished));

    public PipelineEvent? Map(JsonElement root, ref List<Violation>? violations)
    {
        var (eventId, eventType, occurredAt) = WireFields.Header(root, EventTypes, ref violations);
        var content = WireFields.Object(root, "content"u8, "$.content", ref violations) is { } wire ? MapContent(wire, ref violations) : null;
        return violations is null ? new ContentEvent(eventId, eventType, occurredAt, content!) : null;
    }

    private ContentItem MapContent(JsonElement wire, ref List<Violation>? violations) => new(
        ContentId: WireFields.RequiredText(wire, "contentId"u8, "$.content.contentId", ref violations),
        Version: WireFields.RequiredInt64(wire, "version"u8, "$.content.version", ref violations),
        Kind: WireFields.RequiredText(wire, "kind"u8, "$.content.kind", ref violations),
        Title: WireFields.OptionalText(wire, "title"u8, "$.content.title", ref violations),
        Locale: WireFields.OptionalText(wire, "locale"u8, "$.content.locale", ref violations),
        SourceUrl: sourceUrlValidated
            ? WireFields.OptionalText(wire, "sourceUrl"u8, "$.content.sourceUrl", ref violations)
            : WireFields.OptionalUrl(wire, "sourceUrl"u8, "$.content.sourceUrl", ref violations),
        Tags: WireFields.Strings(wire, "tags"u8, "$.content.tags", ref violations),
        PublishedAt: WireFields.OptionalTimestamp(wire, "publishedAt"u8, "$.content.publishedAt", ref violations));
}
