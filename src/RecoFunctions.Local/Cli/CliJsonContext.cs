using System.Text.Json.Serialization;

namespace RecoFunctions.Local.Cli;

/// <summary>Source-generated serialisation of the CLI's machine-readable output.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LineVerdict))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
