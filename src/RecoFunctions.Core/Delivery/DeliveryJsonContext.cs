using System.Text.Json.Serialization;

namespace RecoFunctions.Core.Delivery;

/// <summary>
/// Source-generated serialisation of the recommender's delivery wire types, shared by the client and the sandbox.
/// Settable properties on purpose: see <see cref="Services.ServicesJsonContext"/>.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowOutOfOrderMetadataProperties = true)]
// Metadata only for the bodies that carry a polymorphic payload: the generated fast path would start a new serialisation
// (with a stack of its own) for every payload it writes.
[JsonSerializable(typeof(DeliveryRequest), GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(DeliveryResult))]
[JsonSerializable(typeof(DeliveryBatchRequest), GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(DeliveryBatchResponse))]
public sealed partial class DeliveryJsonContext : JsonSerializerContext;
