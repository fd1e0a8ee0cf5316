using RecoFunctions.Local.Workload;
using RecoFunctions.Sandbox.Recording;

namespace RecoFunctions.Local.Accounting;

/// <summary>
/// What a run put on one flow's topic: counts by category, the offsets written per partition, every distinct valid
/// (key, version) as version ranges per key, and each message the pipeline must dead-letter. Not thread-safe.
/// </summary>
public sealed class FlowManifest
{
    private readonly Dictionary<MessageCategory, long> _byCategory = [];
    private readonly Dictionary<int, PartitionSpan> _partitions = [];
    private readonly Dictionary<string, VersionRanges> _validPairs = new(StringComparer.Ordinal);
    private readonly List<ExpectedDeadLetter> _expectedDeadLetters = [];

    public FlowManifest(string flow, string topic, string deadLetterTopic, string deliveryKind)
    {
        Flow = flow;
        Topic = topic;
        DeadLetterTopic = deadLetterTopic;
        DeliveryKind = deliveryKind;
    }

    public string Flow { get; }

    public string Topic { get; }

    public string DeadLetterTopic { get; }

    /// <summary>What the recommender calls the flow's deliveries (<c>item</c>, <c>campaign</c>).</summary>
    public string DeliveryKind { get; }

    /// <summary>Messages Kafka acknowledged.</summary>
    public long Produced { get; private set; }

    /// <summary>Messages Kafka did not take (they have no fate to check).</summary>
    public long Failed { get; set; }

    public IReadOnlyDictionary<MessageCategory, long> ByCategory => _byCategory;

    public IReadOnlyDictionary<int, PartitionSpan> Partitions => _partitions;

    /// <summary>Distinct valid (key, version) pairs: duplicates and repeats counted once.</summary>
    public IReadOnlyDictionary<string, VersionRanges> ValidPairs => _validPairs;

    public IReadOnlyList<ExpectedDeadLetter> ExpectedDeadLetters => _expectedDeadLetters;

    public long DistinctValidPairs { get; private set; }

    public long CountOf(MessageFate fate) => _byCategory.Where(pair => MessageCategories.FateOf(pair.Key) == fate).Sum(pair => pair.Value);

    public long CountOf(MessageCategory category) => _byCategory.GetValueOrDefault(category);

    /// <summary>Records a message Kafka stored at <paramref name="partition"/>/<paramref name="offset"/>.</summary>
    public void Record(WorkloadMessage message, int partition, long offset)
    {
        ArgumentNullException.ThrowIfNull(message);
        Produced++;
        _byCategory[message.Category] = _byCategory.GetValueOrDefault(message.Category) + 1;
        _partitions[partition] = _partitions.TryGetValue(partition, out var span)
            ? span.Including(offset)
            : new PartitionSpan(partition, offset, offset, 1);
        if (message.Fate == MessageFate.Valid)
        {
            AddValidPair(message.Key!, message.Version);
        }
        else
        {
            _expectedDeadLetters.Add(new ExpectedDeadLetter(partition, offset, message.Category, message.ExpectedStage, message.ExpectedRule, message.Key, message.Case));
        }
    }

    /// <returns>False when the pair was already expected.</returns>
    public bool AddValidPair(string key, long version)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!_validPairs.TryGetValue(key, out var versions))
        {
            versions = new VersionRanges();
            _validPairs.Add(key, versions);
        }

        if (!versions.Add(version))
        {
            return false;
        }

        DistinctValidPairs++;
        return true;
    }

    internal void Restore(
        long produced,
        IEnumerable<KeyValuePair<MessageCategory, long>> byCategory,
        IEnumerable<PartitionSpan> partitions,
        IEnumerable<KeyValuePair<string, VersionRanges>> validPairs,
        IEnumerable<ExpectedDeadLetter> expectedDeadLetters)
    {
        Produced = produced;
        foreach (var (category, count) in byCategory)
        {
            _byCategory[category] = count;
        }

        foreach (var span in partitions)
        {
            _partitions[span.Partition] = span;
        }

        foreach (var (key, versions) in validPairs)
        {
            _validPairs[key] = versions;
            DistinctValidPairs += versions.Count;
        }

        _expectedDeadLetters.AddRange(expectedDeadLetters);
    }
}
