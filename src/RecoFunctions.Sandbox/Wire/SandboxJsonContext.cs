using System.Text.Json.Serialization;

namespace RecoFunctions.Sandbox.Wire;

/// <summary>Source-generated serialisation of the sandbox's own control endpoints.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StatsView))]
[JsonSerializable(typeof(DeliveriesView))]
[JsonSerializable(typeof(KnobsUpdate))]
[JsonSerializable(typeof(KnobsView))]
[JsonSerializable(typeof(FeaturesView))]
[JsonSerializable(typeof(FeatureCallsView))]
public sealed partial class SandboxJsonContext : JsonSerializerContext;
