using System.Text.Json.Serialization;

namespace RecoFunctions.Local.Drills;

/// <summary>Source-generated serialisation of the drill report (<c>reco drill --json FILE</c>).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(DrillReport))]
internal sealed partial class DrillJsonContext : JsonSerializerContext;
