using System.Text.Json;
using RecoFunctions.Core.Contracts;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Parsing;

namespace RecoFunctions.Core.Intake;

/// <summary>Maps a <see cref="CampaignEventV1"/> message onto <see cref="CampaignEvent"/>.</summary>
internal sealed class CampaignEventMapper : IEventMapper
{
    private static readonly WireNames<CampaignEventType> EventTypes = new(
        ("campaign.activated", CampaignEventType.Activated),
        ("campaign.updated", CampaignEventType.Updated),
        ("campaign.paused", CampaignEventType.Paused),
        ("campaign.ended", CampaignEventType.Ended));

    public PipelineEvent? Map(JsonElement root, ref List<Violation>? violations)
    {
        var (eventId, eventType, occurredAt) = WireFields.Header(root, EventTypes, ref violations);
        var campaign = WireFields.Object(root, "campaign"u8, "$.campaign", ref violations) is { } wire ? MapCampaign(wire, ref violations) : null;
        return violations is null ? new CampaignEvent(eventId, eventType, occurredAt, campaign!) : null;
    }

    private static Campaign MapCampaign(JsonElement wire, ref List<Violation>? violations) => new(
        CampaignId: WireFields.RequiredText(wire, "campaignId"u8, "$.campaign.campaignId", ref violations),
        Version: WireFields.RequiredInt64(wire, "version"u8, "$.campaign.version", ref violations),
        Name: WireFields.OptionalText(wire, "name"u8, "$.campaign.name", ref violations),
        PlacementId: WireFields.RequiredText(wire, "placementId"u8, "$.campaign.placementId", ref violations),
        ContentIds: WireFields.Strings(wire, "contentIds"u8, "$.campaign.contentIds", ref violations),
        SegmentIds: WireFields.Strings(wire, "segmentIds"u8, "$.campaign.segmentIds", ref violations),
        Priority: WireFields.OptionalInt32(wire, "priority"u8, "$.campaign.priority", ref violations) ?? 0,
        StartAt: WireFields.OptionalTimestamp(wire, "startAt"u8, "$.campaign.startAt", ref violations),
        EndAt: WireFields.OptionalTimestamp(wire, "endAt"u8, "$.campaign.endAt", ref violations));
}
