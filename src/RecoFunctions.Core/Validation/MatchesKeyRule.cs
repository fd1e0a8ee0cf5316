using System.Text.Json;
using RecoFunctions.Core.Parsing;

namespace RecoFunctions.Core.Validation;

/// <summary>
/// <c>matchesKey</c>: the string at the path equals the Kafka message key, so that per-key ordering and idempotent
/// delivery both speak of the same entity. Skipped where messages have no keys (files).
/// </summary>
internal sealed class MatchesKeyRule(FieldPath path) : CrossFieldRule(path)
{
    public override void Check(JsonElement document, ref ValidationRun run)
    {
        if (!run.KeyKnown)
        {
            return;
        }

        if (string.IsNullOrEmpty(run.Key))
        {
            if (!run.KeyReported)
            {
                run.KeyReported = true;
                run.Add("$", RuleNames.Key, $"the message has no key; it must carry the value of {JsonPath}");
            }

            return;
        }

        if (TryResolve(document, out var value) &&
            value.ValueKind == JsonValueKind.String &&
            JsonStrings.TryGetUtf8(value, out var text) &&
            !JsonStrings.Utf8EqualsString(text, run.Key))
        {
            run.Add(JsonPath, RuleNames.MatchesKey, "does not equal the message key");
        }
    }
}
