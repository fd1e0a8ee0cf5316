using System.Globalization;
using System.Text;

namespace RecoFunctions.Functions.Planning;

/// <summary>
/// The instance id of the orchestration that processes one slice of a Kafka trigger batch: flow, topic, partition and
/// the first and last offset of the slice. The same slice always maps to the same id, in every process and on every
/// run, so a redelivered batch is recognised by the durable backend instead of starting a second orchestration. A
/// redelivered batch that grew (same first offset, later last offset) maps to a new id: its messages are processed
/// again, which delivery absorbs (idempotent on key and version), rather than being skipped.
/// </summary>
public static class OrchestrationInstanceId
{
    /// <summary>Longest id produced; durable backends store ids in table keys and queue messages.</summary>
    public const int MaxLength = 100;

    private const int HashLength = 16;

    /// <summary>
    /// Builds the id, e.g. <c>content_oicms.content.v1_3_100-355</c>. Only letters, digits, <c>.</c>, <c>-</c> and
    /// <c>_</c> appear in it. When a part had to be changed to fit that alphabet, or the id would exceed
    /// <see cref="MaxLength"/>, the readable part is shortened as needed and a hash of the exact inputs is appended,
    /// so distinct slices still get distinct ids.
    /// </summary>
    public static string For(string flow, string topic, int partition, long firstOffset, long lastOffset)
    {
        ArgumentException.ThrowIfNullOrEmpty(flow);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfNegative(firstOffset);
        ArgumentOutOfRangeException.ThrowIfLessThan(lastOffset, firstOffset);

        var changed = false;
        var readable = string.Create(
            CultureInfo.InvariantCulture,
            $"{Sanitise(flow, ref changed)}_{Sanitise(topic, ref changed)}_{partition}_{firstOffset}-{lastOffset}");
        if (!changed && readable.Length <= MaxLength)
        {
            return readable;
        }

        var suffix = "_h" + Hash(flow, topic, partition, firstOffset, lastOffset).ToString("x16", CultureInfo.InvariantCulture);
        var room = MaxLength - suffix.Length;
        return (readable.Length > room ? readable[..room] : readable) + suffix;
    }

    /// <summary>Keeps letters, digits, '.' and '-'; everything else (the separator '_' included) becomes '-'.</summary>
    private static string Sanitise(string part, ref bool changed)
    {
        var builder = new StringBuilder(part.Length);
        foreach (var character in part)
        {
            if (char.IsAsciiLetterOrDigit(character) || character is '.' or '-')
            {
                builder.Append(character);
            }
            else
            {
                builder.Append('-');
                changed = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>FNV-1a over a length-prefixed encoding of the inputs: stable across processes, unlike string hash codes.</summary>
    private static ulong Hash(string flow, string topic, int partition, long firstOffset, long lastOffset)
    {
        var canonical = string.Create(
            CultureInfo.InvariantCulture,
            $"{flow.Length}:{flow}|{topic.Length}:{topic}|{partition}|{firstOffset}|{lastOffset}");
        var hash = 14695981039346656037UL;
        foreach (var value in Encoding.UTF8.GetBytes(canonical))
        {
            hash = (hash ^ value) * 1099511628211UL;
        }

        return hash;
    }
}
