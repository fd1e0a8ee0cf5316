using System.Text.Json.Serialization;
using RecoFunctions.Core.Delivery;
using RecoFunctions.Core.Enrichment;

namespace RecoFunctions.Core.Services;

/// <summary>
/// Source-generated serialisation of the downstream services' wire types, shared by the clients and the sandbox.
/// The wire types have settable properties on purpose: the generator then creates them with the parameterless constructor
/// and sets each property as it is read, whereas init-only properties (like constructor parameters) take its slower path
/// that gathers boxed arguments first.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(ServiceError))]
[JsonSerializable(typeof(ContentDocument))]
[JsonSerializable(typeof(ContentBatchRequest))]
[JsonSerializable(typeof(ContentBatchResponse))]
[JsonSerializable(typeof(PlacementDocument))]
[JsonSerializable(typeof(PlacementBatchRequest))]
[JsonSerializable(typeof(PlacementBatchResponse))]
[JsonSerializable(typeof(KnownContentRequest))]
[JsonSerializable(typeof(KnownContentResult))]
[JsonSerializable(typeof(KnownContentBatchRequest))]
[JsonSerializable(typeof(KnownContentBatchResponse))]
// Metadata only for the bodies that carry a polymorphic payload: the generated fast path would start a new serialisation
// (with a stack of its own) for every payload it writes.
[JsonSerializable(typeof(DeliveryRequest), GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(DeliveryResult))]
[JsonSerializable(typeof(DeliveryBatchRequest), GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(DeliveryBatchResponse))]
public sealed partial class ServicesJsonContext : JsonSerializerContext;
