namespace RecoFunctions.Sandbox.Wire;

/// <summary>Answer of <c>GET /_sandbox/deliveries?key=</c>: versions held per kind and the newest deliveries.</summary>
public sealed record DeliveriesView(string Key, long? HeldItemVersion, long? HeldCampaignVersion, IReadOnlyList<DeliveryRecordView> Deliveries);
