namespace RecoFunctions.Sandbox.Recording;

/// <summary>The recorder's counters, cheap to read.</summary>
/// <param name="Received">Every delivery, whatever its status.</param>
/// <param name="Applied">Deliveries that changed what the recommender holds.</param>
/// <param name="Stale">Deliveries of a version older than or equal to the one held, ignored.</param>
/// <param name="Rejected">Invalid deliveries (answered 400 or <c>rejected</c>).</param>
/// <param name="DuplicatesApplied">Times a (key, version) was applied a second time: a broken idempotency guarantee, so always 0.</param>
public readonly record struct DeliveryCounts(long Received, long Applied, long Stale, long Rejected, long DuplicatesApplied);
