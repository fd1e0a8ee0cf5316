using RecoFunctions.Core.Delivery;

namespace RecoFunctions.Sandbox.Tests;

internal static class Operations
{
    public static readonly DateTimeOffset ProducedAt = new(2026, 11, 21, 9, 59, 59, TimeSpan.Zero);

    public static DeliveryOperation UpsertItem(string key, long version, DateTimeOffset? producedAt = null) => new()
    {
        Kind = DeliveryKinds.Item,
        Action = DeliveryActions.Upsert,
        Key = key,
        Version = version,
        ProducedAt = producedAt ?? ProducedAt,
        Payload = new ItemPayload { ContentId = key, Title = "t" },
    };

    public static DeliveryOperation DeleteItem(string key, long version) => new()
    {
        Kind = DeliveryKinds.Item,
        Action = DeliveryActions.Delete,
        Key = key,
        Version = version,
        ProducedAt = ProducedAt,
    };

    public static DeliveryOperation UpsertCampaign(string key, long version) => new()
    {
        Kind = DeliveryKinds.Campaign,
        Action = DeliveryActions.Upsert,
        Key = key,
        Version = version,
        ProducedAt = ProducedAt,
        Payload = new CampaignPayload { CampaignId = key, PlacementId = "home-hero" },
    };
}
