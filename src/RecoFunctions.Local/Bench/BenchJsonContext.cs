using System.Text.Json.Serialization;

namespace RecoFunctions.Local.Bench;

/// <summary>Source-generated serialisation of the bench report.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(BenchReport))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
