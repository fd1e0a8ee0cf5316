namespace RecoFunctions.Sandbox.Recording;

/// <summary>The feature recorder's counters.</summary>
/// <param name="Calls">Calls of <c>POST /features/batch</c> that reached the recorder.</param>
/// <param name="Received">Feature records received, whatever their status.</param>
/// <param name="Applied">Records that changed what the recommender holds (first values of a key, or different values).</param>
/// <param name="Unchanged">Records equal to the values held for their key: replays.</param>
/// <param name="Rejected">Invalid records.</param>
/// <param name="Overwritten">Applied records whose key already held different values: a window delivered twice with different figures, so 0 when nothing is double-counted or lost.</param>
/// <param name="Held">Distinct (user, window, start) keys held.</param>
public readonly record struct FeatureCounts(long Calls, long Received, long Applied, long Unchanged, long Rejected, long Overwritten, int Held);
