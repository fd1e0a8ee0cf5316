namespace RecoFunctions.Runtime;

/// <summary>What a replay of one dead-letter topic found and did.</summary>
internal sealed class ReplayCounts(string deadLetterTopic)
{
    public string DeadLetterTopic { get; } = deadLetterTopic;

    /// <summary>Dead letters read.</summary>
    public long Scanned { get; set; }

    /// <summary>Dead letters the filter kept.</summary>
    public long Matched { get; set; }

    /// <summary>Kept, but written without their value (too large for the dead-letter topic): they cannot be replayed.</summary>
    public long WithoutValue { get; set; }

    /// <summary>Kept, but redacted (user ids pseudonymised or the value withheld): not the original, so they are not replayed.</summary>
    public long Redacted { get; set; }

    /// <summary>Records that are not dead letters in either wire form (no origin to send them to): left where they are.</summary>
    public long Unreadable { get; set; }

    /// <summary>Handed to the producer (acknowledgements are counted by the caller).</summary>
    public long Republished { get; set; }

    /// <summary>Where the kept dead letters go (or would go).</summary>
    public SortedSet<string> Targets { get; } = new(StringComparer.Ordinal);
}
