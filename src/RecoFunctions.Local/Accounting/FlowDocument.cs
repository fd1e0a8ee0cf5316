using System.Text.Json;
using RecoFunctions.Local.Workload;
using RecoFunctions.Sandbox.Recording;

namespace RecoFunctions.Local.Accounting;

/// <summary>The JSON shape of a <see cref="FlowManifest"/>.</summary>
internal sealed record FlowDocument(
    string Flow,
    string Topic,
    string DeadLetterTopic,
    string DeliveryKind,
    long Produced,
    long Failed,
    Dictionary<string, long> ByFate,
    Dictionary<string, long> ByCategory,
    long DistinctValidPairs,
    IReadOnlyList<PartitionSpan> Partitions,
    Dictionary<string, long[][]> ValidPairs,
    IReadOnlyList<ExpectedDeadLetterDocument> ExpectedDeadLetters)
{
    public static FlowDocument From(FlowManifest flow) => new(
        flow.Flow,
        flow.Topic,
        flow.DeadLetterTopic,
        flow.DeliveryKind,
        flow.Produced,
        flow.Failed,
        Enum.GetValues<MessageFate>().ToDictionary(Name, flow.CountOf),
        flow.ByCategory.OrderBy(pair => pair.Key).ToDictionary(pair => Name(pair.Key), pair => pair.Value),
        flow.DistinctValidPairs,
        [.. flow.Partitions.Values.OrderBy(span => span.Partition)],
        flow.ValidPairs.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToDictionary(
            pair => pair.Key,
            pair => pair.Value.Ranges.Select(range => new[] { range.From, range.To }).ToArray(),
            StringComparer.Ordinal),
        [.. flow.ExpectedDeadLetters.Select(ExpectedDeadLetterDocument.From)]);

    public FlowManifest ToFlow()
    {
        var flow = new FlowManifest(Flow, Topic, DeadLetterTopic, DeliveryKind) { Failed = Failed };
        flow.Restore(
            Produced,
            (ByCategory ?? []).Select(pair => KeyValuePair.Create(Parse<MessageCategory>(pair.Key), pair.Value)),
            Partitions ?? [],
            (ValidPairs ?? []).Select(pair => KeyValuePair.Create(pair.Key, Ranges(pair.Key, pair.Value))),
            (ExpectedDeadLetters ?? []).Select(letter => letter.ToExpected()));
        return flow;
    }

    internal static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    internal static TEnum Parse<TEnum>(string name)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(name, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new InvalidDataException($"'{name}' is not a {typeof(TEnum).Name}");

    private static VersionRanges Ranges(string key, long[][] ranges)
    {
        var versions = new VersionRanges();
        foreach (var range in ranges)
        {
            if (range is not [var from, var to] || to < from)
            {
                throw new InvalidDataException($"valid pairs of '{key}': each range must be [from, to] with from <= to");
            }

            versions.AddRange(from, to);
        }

        return versions;
    }
}
