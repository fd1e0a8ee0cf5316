using System.Text.Json.Serialization;

namespace RecoFunctions.Core.Services;

/// <summary>
/// Source-generated serialisation of what every downstream service may answer (the error body); each service's own wire
/// types have their context next to them (EnrichmentJsonContext, DeliveryJsonContext), so that this layer knows none.
/// The wire types have settable properties on purpose: the generator then creates them with the parameterless constructor
/// and sets each property as it is read, whereas init-only properties (like constructor parameters) take its slower path
/// that gathers boxed arguments first.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(ServiceError))]
public sealed partial class ServicesJsonContext : JsonSerializerContext;
