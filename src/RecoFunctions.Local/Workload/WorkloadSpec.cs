namespace RecoFunctions.Local.Workload;

/// <summary>
/// What to generate: how many messages for which flows, how fast, and which shares of them are invalid, hostile,
/// duplicated, out of order or bound to fail permanently. Shares are fractions of <see cref="Count"/>; the rest are new
/// valid versions. The same spec and seed give the same messages, byte for byte, under the same clock.
/// </summary>
public sealed record WorkloadSpec
{
    public WorkloadFlows Flows { get; init; } = WorkloadFlows.Both;

    /// <summary>Messages in all, over all flows.</summary>
    public long Count { get; init; } = 10_000;

    /// <summary>Messages per second; 0 sends as fast as the producer takes them.</summary>
    public double Rate { get; init; }

    /// <summary>Well-formed events breaking one configured validation rule.</summary>
    public double InvalidShare { get; init; }

    /// <summary>Malformed values (bad UTF-8, truncated, oversized, deeply nested, binary, tombstones, empty, no key).</summary>
    public double HostileShare { get; init; }

    /// <summary>Earlier valid messages sent again byte for byte.</summary>
    public double DuplicateShare { get; init; }

    /// <summary>Valid versions held back and sent after a newer version of their key.</summary>
    public double OutOfOrderShare { get; init; }

    /// <summary>Valid events for unknown contents or placements or rejected keys: dead letters at enrich or deliver.</summary>
    public double MissingShare { get; init; }

    /// <summary>Interactions stamped <see cref="InteractionWorkload.LateBy"/> behind the event clock: dead letters at window (<c>late</c>).</summary>
    public double LateShare { get; init; }

    /// <summary>How far the interactions' event clock advances per event; 20 ms makes 10,000 events span 200 s of event time.</summary>
    public TimeSpan InteractionSpacing { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Event time of the first interaction; by default the clock reading minus <see cref="Count"/> × <see cref="InteractionSpacing"/>, so the last is about now.</summary>
    public DateTimeOffset? InteractionStart { get; init; }

    /// <summary>Distinct keys per flow; versions rise per key, so a smaller key space repeats keys more often.</summary>
    public int Keys { get; init; } = 1_000;

    public long Seed { get; init; } = 1;

    /// <summary>With both flows: the fraction of messages that are content events.</summary>
    public double ContentShare { get; init; } = 0.5;

    /// <summary>Size of the oversized hostile values (raised to just above Pipeline:MaxPayloadBytes if smaller).</summary>
    public int OversizedBytes { get; init; } = 2 * 1024 * 1024;

    /// <summary>At most this many oversized values per run: a few megabytes each, they would crowd out everything else in a small broker.</summary>
    public int MaxOversized { get; init; } = 4;

    /// <summary>A spec with every share at zero: new valid versions only.</summary>
    public static WorkloadSpec CleanOf(long count, WorkloadFlows flows = WorkloadFlows.Both) => new() { Count = count, Flows = flows };

    /// <summary>The messy stream <c>reco produce</c> sends unless told otherwise.</summary>
    public static WorkloadSpec Default { get; } = new()
    {
        InvalidShare = 0.02,
        HostileShare = 0.01,
        DuplicateShare = 0.02,
        OutOfOrderShare = 0.02,
        MissingShare = 0.01,
    };

    public double TotalShares => InvalidShare + HostileShare + DuplicateShare + OutOfOrderShare + MissingShare + LateShare;

    /// <returns>The problems, each naming the property; empty when the spec is usable.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Count < 0)
        {
            problems.Add($"Count must not be negative (got {Count}).");
        }

        if (!(Rate >= 0) || double.IsInfinity(Rate))
        {
            problems.Add($"Rate must be 0 (as fast as possible) or a positive number of messages per second (got {Rate}).");
        }

        Share(problems, nameof(InvalidShare), InvalidShare);
        Share(problems, nameof(HostileShare), HostileShare);
        Share(problems, nameof(DuplicateShare), DuplicateShare);
        Share(problems, nameof(OutOfOrderShare), OutOfOrderShare);
        Share(problems, nameof(MissingShare), MissingShare);
        Share(problems, nameof(LateShare), LateShare);
        Share(problems, nameof(ContentShare), ContentShare);
        if (TotalShares > 1 + 1e-9)
        {
            problems.Add($"The shares add up to {TotalShares:0.###}; together they must not exceed 1.");
        }

        if (InteractionSpacing <= TimeSpan.Zero || InteractionSpacing > TimeSpan.FromHours(1))
        {
            problems.Add($"InteractionSpacing must lie between 0 (excluded) and 1 hour (got {InteractionSpacing}).");
        }

        if (Keys < 1)
        {
            problems.Add($"Keys must be at least 1 (got {Keys}).");
        }

        if (OversizedBytes < 1)
        {
            problems.Add($"OversizedBytes must be positive (got {OversizedBytes}).");
        }

        if (MaxOversized < 0)
        {
            problems.Add($"MaxOversized must not be negative (got {MaxOversized}).");
        }

        return problems;
    }

    private static void Share(List<string> problems, string name, double value)
    {
        if (!(value is >= 0 and <= 1))
        {
            problems.Add($"{name} must lie between 0 and 1 (got {value}).");
        }
    }
}
