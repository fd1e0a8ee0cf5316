using System.Globalization;

namespace RecoFunctions.Core.Messaging;

/// <summary>
/// The Functions Kafka trigger's lag threshold is a compile-time attribute value, while the deployment records the
/// intended value as a setting. This compares the two so that a mismatch is reported at start-up instead of showing up
/// as odd scaling.
/// </summary>
public static class LagThresholdCheck
{
    /// <summary>Null when they agree or nothing is configured; otherwise a one-line explanation naming <paramref name="settingName"/>.</summary>
    public static string? Compare(long compiled, string? configured, string settingName)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }

        if (!long.TryParse(configured, NumberStyles.Integer, CultureInfo.InvariantCulture, out var intended))
        {
            return $"{settingName} is '{configured}', not a whole number; the triggers use the compiled lag threshold {compiled}.";
        }

        return intended == compiled
            ? null
            : $"{settingName} is {intended}, but the triggers were compiled with LagThreshold = {compiled}; scaling follows {compiled}. Change the constant and redeploy, or the setting.";
    }
}
