using System.Text.RegularExpressions;

namespace RecoFunctions.Runtime;

/// <summary>
/// Turns a dead-letter reason into a label for counts and metrics: without per-message detail (the parenthesised
/// message, array indices) and without the stage it repeats, so that labels stay few. The dead-letter header keeps the
/// full reason.
/// </summary>
internal static partial class DeadLetterReasons
{
    private const int MaxLabelLength = 120;

    /// <example><c>validate: maxLength at $.content.tags[3]</c> → <c>maxLength at $.content.tags[]</c>;
    /// <c>content-api: 404 NotFound (content 'x' does not exist)</c> → <c>content-api: 404 NotFound</c>.</example>
    public static string Label(string stage, string reason)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var label = reason ?? string.Empty;
        if (label.Length > stage.Length + 1 && label.StartsWith(stage, StringComparison.Ordinal) && label[stage.Length] == ':')
        {
            label = label[(stage.Length + 1)..].TrimStart();
        }

        var detail = label.IndexOf(" (", StringComparison.Ordinal);
        if (detail > 0)
        {
            label = label[..detail];
        }

        label = ArrayIndex().Replace(label, "[]");
        return label.Length > MaxLabelLength ? label[..MaxLabelLength] : label;
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex ArrayIndex();
}
