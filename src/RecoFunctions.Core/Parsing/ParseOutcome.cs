using System.Text.Json;

namespace RecoFunctions.Core.Parsing;

/// <summary>
/// Either a parsed document (owned by the caller, who must dispose it) or the violation that stopped parsing.
/// </summary>
internal readonly record struct ParseOutcome(JsonDocument? Document, Violation? Violation)
{
    public static ParseOutcome Failed(string rule, string message) => new(null, new Violation("$", rule, message));
}
