using System.Text.Json.Serialization;
using RecoFunctions.Core.Delivery;

namespace RecoFunctions.Sandbox.Wire;

/// <summary>The members of <see cref="CampaignPayload"/>; only <see cref="CampaignId"/> is kept, the other strings are checked and dropped.</summary>
internal sealed class CampaignPayloadBody : PayloadBody
{
    public string? CampaignId { get; set; }

    [JsonConverter(typeof(CheckedStringConverter))]
    public string? Name { get; set; }

    [JsonConverter(typeof(CheckedStringConverter))]
    public string? PlacementId { get; set; }

    [JsonConverter(typeof(CheckedStringConverter))]
    public string? Surface { get; set; }

    public int? Slots { get; set; }

    public int? MaxItems { get; set; }

    [JsonConverter(typeof(CheckedStringListConverter))]
    public IReadOnlyList<string>? ContentIds { get; set; }

    [JsonConverter(typeof(CheckedStringListConverter))]
    public IReadOnlyList<string>? KnownContentIds { get; set; }

    [JsonConverter(typeof(CheckedStringListConverter))]
    public IReadOnlyList<string>? SegmentIds { get; set; }

    public long? EstimatedReach { get; set; }

    public int Priority { get; set; }

    public DateTimeOffset? StartAt { get; set; }

    public DateTimeOffset? EndAt { get; set; }
}
