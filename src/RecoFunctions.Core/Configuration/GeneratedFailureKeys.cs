using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace RecoFunctions.Core.Configuration;

/// <summary>
/// Names the failures of a source-generated <c>[OptionsValidator]</c> by configuration key. The generator calls a member
/// <c>&lt;name&gt;.Member[.Nested]</c> (the name it is given plus the member path) and its <c>[Range]</c> ignores
/// <c>ErrorMessage</c>; this swaps that path, and the "The field" in front of it, for the key.
/// </summary>
internal sealed class GeneratedFailureKeys
{
    private readonly Regex _memberPath;

    /// <param name="displayPrefix">The name passed to the generated validator; it starts every member path.</param>
    public GeneratedFailureKeys(string displayPrefix)
    {
        DisplayPrefix = displayPrefix;

        // "[Member: ]…[The field ]Prefix.Member[[i]][.Nested]…" → "…<key of Member[:i][:Nested]>…"
        _memberPath = new Regex(
            $@"^(?:[\w, ]+: )?(?<lead>.*?)(?:The field )?{Regex.Escape(displayPrefix)}\.(?<path>\w+(?:\[\d+\])?(?:\.\w+(?:\[\d+\])?)*)",
            RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));
    }

    public string DisplayPrefix { get; }

    /// <param name="result">What the generated validator returned when given <see cref="DisplayPrefix"/> as the name.</param>
    /// <param name="keyOf">Turns a member path relative to the options (<c>Retry:MaxAttempts</c>) into its key.</param>
    public IEnumerable<string> Rewrite(ValidateOptionsResult result, Func<string, string> keyOf) =>
        result is { Failed: true, Failures: { } failures }
            ? failures.Select(failure => _memberPath.Replace(
                failure, match => match.Groups["lead"].Value + keyOf(KeyPath(match.Groups["path"].Value)), count: 1))
            : [];

    /// <summary>A member path as a key path: <c>Windows[0].Name</c> → <c>Windows:0:Name</c>.</summary>
    private static string KeyPath(string memberPath) => memberPath.Replace("[", ":", StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal).Replace('.', ':');
}
