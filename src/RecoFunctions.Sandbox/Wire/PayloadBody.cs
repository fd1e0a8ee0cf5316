using System.Text.Json.Serialization;
using RecoFunctions.Core.Delivery;

namespace RecoFunctions.Sandbox.Wire;

/// <summary>An upsert's payload as the sandbox reads it; <c>type</c> tells item from campaign, as for <see cref="DeliveryPayload"/>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ItemPayloadBody), DeliveryKinds.Item)]
[JsonDerivedType(typeof(CampaignPayloadBody), DeliveryKinds.Campaign)]
internal abstract class PayloadBody;
