using RecoFunctions.Core.Delivery;

namespace RecoFunctions.Sandbox.Wire;

/// <summary>
/// Answer of <c>GET /_sandbox/features</c>: the counters and every held feature record, sorted by user key, window and start
/// (counts by kind), so that two runs over the same input can be compared byte for byte; <see cref="Digest"/> is the
/// SHA-256 of the features alone (<see cref="Recording.FeatureDigest"/>), equal for equal features whatever the counters.
/// </summary>
public sealed record FeaturesView(
    long Calls,
    long Received,
    long Applied,
    long Unchanged,
    long Rejected,
    long Overwritten,
    int Held,
    string Digest,
    IReadOnlyList<FeatureRecord> Features);
