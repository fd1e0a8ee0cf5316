using System.Text.RegularExpressions;
using RecoFunctions.Core.Domain;

namespace RecoFunctions.Local.Accounting;

/// <summary>Reads dead-letter reasons: groups them by cause and tells transient causes (which must never dead-letter) from permanent ones.</summary>
public static partial class DeadLetterReasons
{
    /// <summary>
    /// Whether a dead letter was written for a cause that could have passed with time: a retry budget that ran out,
    /// timeouts, throttling, server errors, connection failures, open breakers.
    /// </summary>
    public static bool IsTransient(string? stage, string? reason)
    {
        if (string.Equals(stage, PipelineStage.Workflow, StringComparison.Ordinal))
        {
            return true;
        }

        return reason is not null && TransientCause().IsMatch(reason);
    }

    /// <summary>
    /// The reason without item details, for counting: <c>validate: maxLength at $.content.title</c> becomes
    /// <c>validate: maxLength</c>, <c>content-api: 404 NotFound (content 'x' …)</c> becomes <c>content-api: 404 NotFound</c>.
    /// </summary>
    public static string Classify(string? stage, string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return $"{stage ?? "unknown stage"}: (no reason)";
        }

        var first = reason.Split(';', 2)[0].Trim();
        first = Detail().Replace(first, string.Empty).Trim();
        return first.Length > 120 ? first[..120] : first;
    }

    [GeneratedRegex(@"\b(408|429|5\d\d)\b|timeout|timed out|circuit|broken|connection|unavailable|retry budget exhausted|no outcome", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TransientCause();

    [GeneratedRegex(@"( at \$\S*| \(.*\)$)", RegexOptions.CultureInvariant)]
    private static partial Regex Detail();
}
