using System.Text.Json;

namespace RecoFunctions.Core.Parsing;

/// <summary>
/// Either a parsed document (owned by the caller, who must dispose it) together with the JSON text it was parsed from
/// (the value without a byte order mark), or the violation that stopped parsing.
/// </summary>
internal readonly record struct ParseOutcome(JsonDocument? Document, ReadOnlyMemory<byte> Json, Violation? Violation)
{
    public static ParseOutcome Failed(string rule, string message) => new(null, default, new Violation("$", rule, message));
}
