using System.Text.Json.Serialization;
using RecoFunctions.Core.Delivery;
using RecoFunctions.Core.Enrichment;

namespace RecoFunctions.Core.Services;

/// <summary>Source-generated serialisation of the downstream services' wire types, shared by the clients and the sandbox.</summary>
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
[JsonSerializable(typeof(DeliveryRequest))]
[JsonSerializable(typeof(DeliveryResult))]
[JsonSerializable(typeof(DeliveryBatchRequest))]
[JsonSerializable(typeof(DeliveryBatchResponse))]
public sealed partial class ServicesJsonContext : JsonSerializerContext;
