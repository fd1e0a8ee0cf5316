using System.Globalization;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Domain;
using RecoFunctions.Local.Workload;

namespace RecoFunctions.Local.Accounting;

/// <summary>
/// Checks a run against its manifest: every valid (key, version) must have reached the recommender (as applied or
/// stale) or, failing that, at least be in a dead-letter topic; nothing may be applied twice; no valid message may be
/// dead-lettered for a transient reason; and every invalid or permanently failing message should be dead-lettered at
/// the right kind of stage.
/// </summary>
public static class DeliveryAudit
{
    private const int MaxSamplesPerProblem = 10;

    /// <summary>Takes the recommender's snapshot and reads the dead-letter topics, then evaluates.</summary>
    public static async Task<AuditReport> RunAsync(
        WorkloadManifest manifest, Func<CancellationToken, Task<RecommenderSnapshot>> snapshot, DeadLetterReader deadLetters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(deadLetters);

        // Dead letters first: a message the pipeline finishes meanwhile then shows up as delivered rather than as lost.
        var records = await deadLetters.ReadAsync(manifest.Flows.Select(flow => flow.DeadLetterTopic), cancellationToken).ConfigureAwait(false);
        var recommender = await snapshot(cancellationToken).ConfigureAwait(false);
        return Evaluate(manifest, recommender, records);
    }

    public static AuditReport Evaluate(WorkloadManifest manifest, RecommenderSnapshot recommender, IReadOnlyList<DeadLetterRecord> deadLetters)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(recommender);
        ArgumentNullException.ThrowIfNull(deadLetters);
        return new AuditReport([.. manifest.Flows.Select(flow => Evaluate(flow, recommender, deadLetters))], recommender.Counts);
    }

    private static FlowAudit Evaluate(FlowManifest flow, RecommenderSnapshot recommender, IReadOnlyList<DeadLetterRecord> deadLetters)
    {
        var letters = new DeadLetterTally(flow);
        foreach (var record in deadLetters)
        {
            if (string.Equals(record.OriginalTopic, flow.Topic, StringComparison.Ordinal))
            {
                letters.Add(record);
            }
        }

        letters.AddMissing();
        var pairs = CountPairs(flow, recommender, letters);
        return new FlowAudit(
            flow.Flow,
            flow.Topic,
            flow.DeadLetterTopic,
            flow.Produced,
            flow.CountOf(MessageFate.Valid),
            flow.DistinctValidPairs,
            pairs.Delivered,
            pairs.DeadLettered,
            pairs.Lost,
            pairs.Superseded,
            flow.ExpectedDeadLetters.Count,
            letters.OfThisRun,
            letters.Missing,
            letters.Misrouted,
            letters.Unexpected,
            letters.Transient,
            letters.Repeated,
            letters.Foreign,
            letters.ByStage,
            letters.ByReason,
            [.. pairs.Samples, .. letters.Samples]);
    }

    private static PairCounts CountPairs(FlowManifest flow, RecommenderSnapshot recommender, DeadLetterTally letters)
    {
        var counts = new PairCounts();
        foreach (var (key, versions) in flow.ValidPairs)
        {
            var received = recommender.Find(flow.DeliveryKind, key);
            foreach (var version in versions.Versions())
            {
                if (received?.Versions.Contains(version) == true)
                {
                    counts.Delivered++;
                }
                else if (letters.HasValidPair(key, version))
                {
                    counts.DeadLettered++;
                }
                else
                {
                    counts.Lost++;
                    var superseded = received is not null && received.HeldVersion > version;
                    if (superseded)
                    {
                        counts.Superseded++;
                    }

                    if (counts.Samples.Count < MaxSamplesPerProblem)
                    {
                        counts.Samples.Add(string.Create(CultureInfo.InvariantCulture,
                            $"lost: {flow.DeliveryKind} {key} v{version}{(superseded ? $" (recommender holds v{received!.HeldVersion})" : received is null ? " (key never received)" : string.Empty)}"));
                    }
                }
            }
        }

        return counts;
    }

    private sealed class PairCounts
    {
        public long Delivered { get; set; }

        public long DeadLettered { get; set; }

        public long Lost { get; set; }

        public long Superseded { get; set; }

        public List<string> Samples { get; } = [];
    }

    /// <summary>Sorts one flow's dead letters into expected, misrouted, unexpected, repeated and foreign ones.</summary>
    private sealed class DeadLetterTally
    {
        private readonly FlowManifest _flow;
        private readonly Dictionary<(int, long), ExpectedDeadLetter> _expected;
        private readonly HashSet<(int, long)> _seen = [];
        private readonly HashSet<(string, long)> _validPairs = [];
        private readonly Dictionary<string, long> _byStage = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _byReason = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _sampled = new(StringComparer.Ordinal);

        public DeadLetterTally(FlowManifest flow)
        {
            _flow = flow;
            _expected = flow.ExpectedDeadLetters.ToDictionary(letter => (letter.Partition, letter.Offset));
        }

        public long OfThisRun { get; private set; }

        public long Missing { get; private set; }

        public long Misrouted { get; private set; }

        public long Unexpected { get; private set; }

        public long Transient { get; private set; }

        public long Repeated { get; private set; }

        public long Foreign { get; private set; }

        public IReadOnlyDictionary<string, long> ByStage => _byStage;

        public IReadOnlyDictionary<string, long> ByReason => _byReason;

        public List<string> Samples { get; } = [];

        public bool HasValidPair(string key, long version) => _validPairs.Contains((key, version));

        public void Add(DeadLetterRecord record)
        {
            var (partition, offset, failure) = (record.OriginalPartition, record.OriginalOffset, record.Failure);
            if (!_flow.Partitions.TryGetValue(partition, out var span) || !span.Contains(offset))
            {
                Foreign++;
                return;
            }

            if (!_seen.Add((partition, offset)))
            {
                Repeated++;
                return;
            }

            OfThisRun++;
            Count(_byStage, failure.StageName);
            Count(_byReason, $"{failure.StageName}: {failure.Label}");
            if (_expected.TryGetValue((partition, offset), out var expected))
            {
                if (!StageFits(expected, failure.Stage))
                {
                    Misrouted++;
                    Sample("misrouted", $"{expected.Case} at {partition}@{offset} dead-lettered at {failure.StageName}: {failure.Detail}");
                }

                return;
            }

            // Every message of the run is either expected to be dead-lettered or valid: this one was valid.
            Unexpected++;
            if (failure.IsTransient)
            {
                Transient++;
            }

            var version = DeadLetterReader.VersionOf(record.Value);
            if (record.Key is { } key && version is { } known)
            {
                _validPairs.Add((key, known));
            }

            Sample(failure.IsTransient ? "transient" : "unexpected",
                $"valid {record.Key ?? "(no key)"} v{version?.ToString(CultureInfo.InvariantCulture) ?? "?"} at {partition}@{offset} dead-lettered at {failure.StageName}: {failure.Detail}");
        }

        public void AddMissing()
        {
            foreach (var ((partition, offset), expected) in _expected)
            {
                if (!_seen.Contains((partition, offset)))
                {
                    Missing++;
                    Sample("missing", $"{expected.Case} (key {expected.Key ?? "none"}) at {partition}@{offset} was not dead-lettered");
                }
            }
        }

        /// <summary>Invalid messages belong to parse or validate; permanent failures to enrich or deliver; late interactions to window.</summary>
        private static bool StageFits(ExpectedDeadLetter expected, DeadLetterStage stage) => expected.Fate switch
        {
            MessageFate.Invalid => stage is DeadLetterStage.Parse or DeadLetterStage.Validate,
            MessageFate.PermanentFailure => stage is DeadLetterStage.Enrich or DeadLetterStage.Deliver,
            MessageFate.Late => stage is DeadLetterStage.Window,
            _ => false,
        };

        private static void Count(Dictionary<string, long> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

        private void Sample(string problem, string text)
        {
            var taken = _sampled.GetValueOrDefault(problem);
            if (taken < MaxSamplesPerProblem)
            {
                _sampled[problem] = taken + 1;
                Samples.Add($"{problem}: {text}");
            }
        }
    }
}
