using System.Globalization;
using System.Text;

namespace RecoFunctions.Functions.WindowState;

/// <summary>
/// Table keys of the window state: one table partition per source topic-partition; in it one row for the checkpoint
/// and one row per user and save (<c>u|&lt;user&gt;|&lt;next offset&gt;</c>), so that a save never overwrites the row an
/// earlier checkpoint relies on.
/// </summary>
internal static class WindowStateKeys
{
    public const string CheckpointRow = "checkpoint";

    public const string UserRowPrefix = "u|";

    /// <summary>Table keys hold at most 1 KiB; user keys are pseudonyms, far shorter.</summary>
    private const int MaxKeyLength = 512;

    public static string Partition(string topic, int partition)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        return Escape(topic) + "|" + partition.ToString(CultureInfo.InvariantCulture);
    }

    public static string UserRow(string userKey, long nextOffset)
    {
        ArgumentException.ThrowIfNullOrEmpty(userKey);
        ArgumentOutOfRangeException.ThrowIfNegative(nextOffset);
        var escaped = Escape(userKey);
        if (escaped.Length > MaxKeyLength)
        {
            throw new ArgumentException($"A user key of {userKey.Length} characters is too long for a table key (at most {MaxKeyLength}).", nameof(userKey));
        }

        return UserRowPrefix + escaped + "|" + nextOffset.ToString("D19", CultureInfo.InvariantCulture);
    }

    /// <summary>Percent-encodes what table keys refuse (<c>/ \ # ?</c>, control characters) and the separators.</summary>
    internal static string Escape(string value)
    {
        if (!value.Any(NeedsEscape))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var character in value)
        {
            if (NeedsEscape(character))
            {
                builder.Append('%').Append(((int)character).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(character);
            }
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(char character) =>
        character is '/' or '\\' or '#' or '?' or '|' or '%' || char.IsControl(character);
}
