using RecoFunctions.Core.Delivery;

namespace RecoFunctions.Sandbox.Recording;

/// <summary>
/// One operation as the recommender handles it: the operation's fields and what it checks of the payload, its type
/// and id (<see cref="PayloadType"/> null when there is none). Members are null where the body left them out.
/// </summary>
internal readonly record struct DeliveryCommand(string Kind, string Action, string Key, long Version, DateTimeOffset ProducedAt, string? PayloadType, string? PayloadId)
{
    public static DeliveryCommand Of(DeliveryOperation operation) => new(
        Shared(operation.Kind),
        Shared(operation.Action),
        operation.Key,
        operation.Version,
        operation.ProducedAt,
        operation.Payload switch
        {
            ItemPayload => DeliveryKinds.Item,
            CampaignPayload => DeliveryKinds.Campaign,
            _ => null,
        },
        operation.Payload switch
        {
            ItemPayload item => item.ContentId,
            CampaignPayload campaign => campaign.CampaignId,
            _ => null,
        });

    /// <summary>The shared constant for a known kind or action, so that the recorder's history keeps no copy per delivery.</summary>
    private static string Shared(string word) => word switch
    {
        DeliveryKinds.Item => DeliveryKinds.Item,
        DeliveryKinds.Campaign => DeliveryKinds.Campaign,
        DeliveryActions.Upsert => DeliveryActions.Upsert,
        DeliveryActions.Delete => DeliveryActions.Delete,
        DeliveryActions.Retire => DeliveryActions.Retire,
        _ => word,
    };
}
