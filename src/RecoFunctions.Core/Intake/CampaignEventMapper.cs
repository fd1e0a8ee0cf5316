using RecoFunctions.Core.Contracts;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Parsing;

namespace RecoFunctions.Core.Intake;

/// <summary>Maps <see cref="CampaignEventV1"/> onto <see cref="CampaignEvent"/>.</summary>
internal sealed class CampaignEventMapper : IEventMapper
{
    private static readonly Dictionary<string, CampaignEventType> EventTypes = new(StringComparer.Ordinal)
    {
        ["campaign.activated"] = CampaignEventType.Activated,
        ["campaign.updated"] = CampaignEventType.Updated,
        ["campaign.paused"] = CampaignEventType.Paused,
        ["campaign.ended"] = CampaignEventType.Ended,
    };

    public PipelineEvent? Map(ReadOnlySpan<byte> json, ref List<Violation>? violations)
    {
        if (!MappingChecks.TryRead(json, ContractsJsonContext.Default.CampaignEventV1, out var wire, ref violations))
        {
            return null;
        }

        var eventId = MappingChecks.Required(wire!.EventId, "$.eventId", ref violations);
        var eventType = MappingChecks.Enum(wire.EventType, "$.eventType", EventTypes, ref violations);
        var occurredAt = MappingChecks.Required(wire.OccurredAt, "$.occurredAt", ref violations);
        var campaign = MapCampaign(wire.Campaign, ref violations);
        return violations is null ? new CampaignEvent(eventId, eventType, occurredAt, campaign!) : null;
    }

    private static Campaign? MapCampaign(CampaignV1? wire, ref List<Violation>? violations)
    {
        if (wire is null)
        {
            MappingChecks.Add(ref violations, "$.campaign", RuleNames.Required, "is required");
            return null;
        }

        return new Campaign(
            CampaignId: MappingChecks.Required(wire.CampaignId, "$.campaign.campaignId", ref violations),
            Version: MappingChecks.Required(wire.Version, "$.campaign.version", ref violations),
            Name: wire.Name,
            PlacementId: MappingChecks.Required(wire.PlacementId, "$.campaign.placementId", ref violations),
            ContentIds: MappingChecks.Strings(wire.ContentIds, "$.campaign.contentIds", ref violations),
            SegmentIds: MappingChecks.Strings(wire.SegmentIds, "$.campaign.segmentIds", ref violations),
            Priority: wire.Priority ?? 0,
            StartAt: wire.StartAt,
            EndAt: wire.EndAt);
    }
}
