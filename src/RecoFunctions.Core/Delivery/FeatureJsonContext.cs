using System.Text.Json.Serialization;

namespace RecoFunctions.Core.Delivery;

/// <summary>Source-generated serialisation of the recommender's feature wire types, shared by the client and the sandbox.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FeatureBatchRequest))]
[JsonSerializable(typeof(FeatureBatchResponse))]
public sealed partial class FeatureJsonContext : JsonSerializerContext;
