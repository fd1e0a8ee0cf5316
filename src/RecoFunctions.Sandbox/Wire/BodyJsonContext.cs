using System.Text.Json.Serialization;

namespace RecoFunctions.Sandbox.Wire;

/// <summary>Source-generated reading of the request bodies the sandbox reads in a shape of its own; the options of the contract's context.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(DeliveryBatchBody))]
[JsonSerializable(typeof(ContentBatchBody))]
[JsonSerializable(typeof(KnownContentBatchBody))]
[JsonSerializable(typeof(KnownContentBody))]
internal sealed partial class BodyJsonContext : JsonSerializerContext;
