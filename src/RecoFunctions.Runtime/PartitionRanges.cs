using System.Text;

namespace RecoFunctions.Runtime;

/// <summary>
/// Names a set of partitions compactly for logs: per topic, runs of consecutive partitions as ranges, e.g.
/// <c>oicms.content.v1[0-12], oicms.campaign.v1[0-3,5]</c> instead of one entry per partition.
/// </summary>
internal static class PartitionRanges
{
    public static string Format(IEnumerable<RuntimePartition> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var text = new StringBuilder();
        foreach (var topic in partitions.Distinct().GroupBy(partition => partition.Topic, StringComparer.Ordinal).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            if (text.Length > 0)
            {
                text.Append(", ");
            }

            text.Append(topic.Key).Append('[');
            AppendRanges(text, [.. topic.Select(partition => partition.Partition).Order()]);
            text.Append(']');
        }

        return text.ToString();
    }

    private static void AppendRanges(StringBuilder text, int[] numbers)
    {
        var start = 0;
        for (var i = 1; i <= numbers.Length; i++)
        {
            if (i < numbers.Length && numbers[i] == numbers[i - 1] + 1)
            {
                continue;
            }

            if (start > 0)
            {
                text.Append(',');
            }

            text.Append(numbers[start]);
            if (i - 1 > start)
            {
                text.Append('-').Append(numbers[i - 1]);
            }

            start = i;
        }
    }
}
