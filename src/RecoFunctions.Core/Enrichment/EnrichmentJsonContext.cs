using System.Text.Json.Serialization;

namespace RecoFunctions.Core.Enrichment;

/// <summary>
/// Source-generated serialisation of the enrichment services' wire types (content, placement and recommender APIs),
/// shared by the clients and the sandbox. Settable properties on purpose: see <see cref="Services.ServicesJsonContext"/>.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowOutOfOrderMetadataProperties = true)]
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
public sealed partial class EnrichmentJsonContext : JsonSerializerContext;
