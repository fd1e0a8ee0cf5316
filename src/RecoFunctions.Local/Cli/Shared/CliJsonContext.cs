using System.Text.Json.Serialization;
using RecoFunctions.Local.Cli.Run;
using RecoFunctions.Local.Cli.Validate;

namespace RecoFunctions.Local.Cli.Shared;

/// <summary>Source-generated serialisation of the CLI's machine-readable output.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(LineVerdict))]
[JsonSerializable(typeof(RunSummary))]
[JsonSerializable(typeof(RecoFunctions.Local.Demo.DemoSummary))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
