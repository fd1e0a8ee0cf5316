using System.Globalization;

namespace RecoFunctions.Local.Cli;

/// <summary>Durations on the command line: <c>90</c> (seconds), <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c> or <c>00:01:30</c>.</summary>
internal static class Durations
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        var value = text?.Trim() ?? string.Empty;
        if (value.Length == 0)
        {
            return false;
        }

        if (value.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out duration) && duration > TimeSpan.Zero;
        }

        var (number, unit) = value.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? (value[..^2], 0.001)
            : value.EndsWith('s') || value.EndsWith('S') ? (value[..^1], 1.0)
            : value.EndsWith('m') || value.EndsWith('M') ? (value[..^1], 60.0)
            : value.EndsWith('h') || value.EndsWith('H') ? (value[..^1], 3600.0)
            : (value, 1.0);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || !(amount > 0) || amount * unit > TimeSpan.MaxValue.TotalSeconds)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(amount * unit);
        return true;
    }
}
