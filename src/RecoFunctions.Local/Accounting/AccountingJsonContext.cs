using System.Text.Json.Serialization;

namespace RecoFunctions.Local.Accounting;

/// <summary>Source-generated serialisation of manifests and audit reports.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ManifestDocument))]
[JsonSerializable(typeof(AuditReport))]
internal sealed partial class AccountingJsonContext : JsonSerializerContext;
