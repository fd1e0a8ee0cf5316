using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace RecoFunctions.Local.Cli.Shared;

/// <summary>Durations on the command line: <c>500ms</c>, <c>15s</c>, <c>2m</c>, <c>1h</c>, <c>90</c> (seconds), <c>0</c>, or <c>hh:mm:ss</c>.</summary>
internal static class Durations
{
    public const string Help = "a duration such as 5ms, 1.5s, 2m, 1h or 00:00:15";

    private static readonly (string Suffix, double Milliseconds)[] Units = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)];

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (text == "0")
        {
            return true;
        }

        foreach (var (suffix, milliseconds) in Units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) &&
                double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) &&
                value >= 0 && !double.IsInfinity(value) && value * milliseconds <= TimeSpan.MaxValue.TotalMilliseconds)
            {
                duration = TimeSpan.FromMilliseconds(value * milliseconds);
                return true;
            }
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) &&
            seconds >= 0 && seconds <= TimeSpan.MaxValue.TotalSeconds)
        {
            duration = TimeSpan.FromSeconds(seconds);
            return true;
        }

        return text.Contains(':', StringComparison.Ordinal) &&
            TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;
    }

    /// <summary>An option whose value is a duration; a bad value is a parse error naming the option.</summary>
    public static Option<TimeSpan?> Option(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "DURATION",
        CustomParser = Parse,
    };

    private static TimeSpan? Parse(ArgumentResult result)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
        if (TryParse(token, out var duration))
        {
            return duration;
        }

        result.AddError($"'{token}' is not {Help}.");
        return null;
    }
}
