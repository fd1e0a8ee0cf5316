using System.Text.Json.Serialization;
using RecoFunctions.Core.Delivery;
using RecoFunctions.Sandbox.Recording;

namespace RecoFunctions.Sandbox.Wire;

/// <summary>One operation of <see cref="DeliveryBatchBody"/>: the members of <see cref="DeliveryOperation"/>.</summary>
internal sealed class DeliveryOperationBody
{
    [JsonConverter(typeof(DeliveryWordConverter))]
    public string? Kind { get; set; }

    [JsonConverter(typeof(DeliveryWordConverter))]
    public string? Action { get; set; }

    public string? Key { get; set; }

    public long Version { get; set; }

    public DateTimeOffset ProducedAt { get; set; }

    public PayloadBody? Payload { get; set; }

    /// <summary>The operation as the recommender handles it; members the body left out stay null.</summary>
    public DeliveryCommand ToCommand()
    {
        var (payloadType, payloadId) = Payload switch
        {
            ItemPayloadBody item => (DeliveryKinds.Item, item.ContentId),
            CampaignPayloadBody campaign => (DeliveryKinds.Campaign, campaign.CampaignId),
            _ => ((string?)null, (string?)null),
        };
        return new DeliveryCommand(Kind!, Action!, Key!, Version, ProducedAt, payloadType, payloadId);
    }

    public static DeliveryOperationBody? From(DeliveryOperation? operation) => operation is null ? null : new DeliveryOperationBody
    {
        Kind = operation.Kind,
        Action = operation.Action,
        Key = operation.Key,
        Version = operation.Version,
        ProducedAt = operation.ProducedAt,
        Payload = operation.Payload switch
        {
            ItemPayload item => new ItemPayloadBody { ContentId = item.ContentId },
            CampaignPayload campaign => new CampaignPayloadBody { CampaignId = campaign.CampaignId },
            _ => null,
        },
    };
}
