using RecoFunctions.Core.Flows;

namespace RecoFunctions.Local.Workload;

/// <summary>
/// The events of one flow: a key space where each key has a rising version and a lifecycle state, so that event types
/// follow each other sensibly (a content is published before it is updated or unpublished).
/// </summary>
internal abstract class FlowWorkload
{
    private readonly long[] _versions;
    private readonly long[] _missingVersions;
    private readonly long[] _rejectedVersions;

    protected FlowWorkload(FlowDefinition flow, int keys, long seed)
    {
        Flow = flow;
        Seed = seed;
        _versions = new long[keys];
        _missingVersions = new long[keys];
        _rejectedVersions = new long[keys];
        States = new byte[keys];
    }

    public FlowDefinition Flow { get; }

    /// <summary>The recommender's name for what this flow delivers (<c>item</c> or <c>campaign</c>).</summary>
    public abstract string DeliveryKind { get; }

    /// <summary>The longest free-text property, where a mis-encoded producer would put its Latin-1 bytes.</summary>
    public abstract string TextProperty { get; }

    public int KeyCount => _versions.Length;

    /// <summary>Whether a service refuses some of this flow's events for good (<see cref="NextPermanentFailure"/>).</summary>
    public virtual bool HasPermanentFailures => true;

    protected long Seed { get; }

    /// <summary>Lifecycle state per key; 0 means no event was sent yet.</summary>
    protected byte[] States { get; }

    public abstract string KeyOf(int index);

    /// <summary>The next version of a random key, with an event type that follows from the key's state.</summary>
    public GeneratedEvent NextValid(WorkloadRandom random, DateTimeOffset now) => NextValid(random, random.Next(KeyCount), now);

    public GeneratedEvent NextValid(WorkloadRandom random, int index, DateTimeOffset now) =>
        new(KeyOf(index), ++_versions[index], Valid(random, index, _versions[index], now));

    /// <summary>
    /// A complete event (every optional field present) of a random key, using up a version but leaving the key's state
    /// alone: the raw material of invalid and hostile messages.
    /// </summary>
    public GeneratedEvent NextComplete(WorkloadRandom random, DateTimeOffset now)
    {
        var index = random.Next(KeyCount);
        return new GeneratedEvent(KeyOf(index), ++_versions[index], Complete(random, index, _versions[index], now));
    }

    /// <summary>Most are unknown to the enrichment services (404); the rest carry a key the recommender rejects (400).</summary>
    public GeneratedEvent NextPermanentFailure(WorkloadRandom random, DateTimeOffset now)
    {
        var index = random.Next(KeyCount);
        if (random.Chance(0.75))
        {
            var version = ++_missingVersions[index];
            return new GeneratedEvent(MissingKeyOf(index), version, Unknown(random, index, version, now), Core.Domain.PipelineStage.Enrich, "notFound");
        }

        var rejectedVersion = ++_rejectedVersions[index];
        var key = SandboxConventions.RejectedKeyPrefix + KeyOf(index);
        return new GeneratedEvent(key, rejectedVersion, Rejected(random, index, key, rejectedVersion, now), Core.Domain.PipelineStage.Deliver, "rejected");
    }

    protected abstract byte[] Valid(WorkloadRandom random, int index, long version, DateTimeOffset now);

    protected abstract byte[] Complete(WorkloadRandom random, int index, long version, DateTimeOffset now);

    /// <summary>The key of an entity that an enrichment service does not know.</summary>
    protected abstract string MissingKeyOf(int index);

    /// <summary>A create-or-update event for <see cref="MissingKeyOf"/> that enrichment has to look up, and fails to.</summary>
    protected abstract byte[] Unknown(WorkloadRandom random, int index, long version, DateTimeOffset now);

    /// <summary>Any event under a key the sandbox recommender rejects.</summary>
    protected abstract byte[] Rejected(WorkloadRandom random, int index, string key, long version, DateTimeOffset now);

    /// <summary>Per-key traits that never change, derived from the seed and index rather than stored.</summary>
    protected ulong Trait(int index, int salt) => WorkloadRandom.Mix(Seed + salt, index);
}
