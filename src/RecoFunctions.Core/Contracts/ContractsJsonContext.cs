using System.Text.Json.Serialization;

namespace RecoFunctions.Core.Contracts;

/// <summary>
/// Source-generated serialisation for the wire contracts: no reflection on the hot path. The contracts' properties are
/// settable so that the generated code sets them as it reads (init-only ones would go through boxed constructor arguments).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ContentEventV1))]
[JsonSerializable(typeof(CampaignEventV1))]
[JsonSerializable(typeof(InteractionEventV1))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
