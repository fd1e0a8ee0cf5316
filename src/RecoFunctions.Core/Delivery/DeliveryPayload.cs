using System.Text.Json.Serialization;

namespace RecoFunctions.Core.Delivery;

/// <summary>What an upsert stores; <c>type</c> tells item from campaign on the wire.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ItemPayload), DeliveryKinds.Item)]
[JsonDerivedType(typeof(CampaignPayload), DeliveryKinds.Campaign)]
public abstract record DeliveryPayload;
