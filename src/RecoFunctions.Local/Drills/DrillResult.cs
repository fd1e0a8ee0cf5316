namespace RecoFunctions.Local.Drills;

/// <summary>
/// What one drill found. <see cref="Failures"/> empty means it passed. <see cref="Audited"/> is false when the drill broke
/// off before its audit (a process did not start or a producer failed): its figures were not measured.
/// </summary>
public sealed record DrillResult(
    string Name,
    long Produced,
    long ExpectedValidPairs,
    long Delivered,
    IReadOnlyDictionary<string, long> DeadLetteredByReason,
    long Lost,
    long DuplicatesApplied,
    long TransientDeadLetters,
    double? DrainSeconds,
    double? ThroughputPerSecond,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> Failures,
    bool Audited = true)
{
    public bool Passed => Failures.Count == 0;

    public long DeadLettered => DeadLetteredByReason.Values.Sum();

    public static DrillResult Broken(string name, string failure) =>
        new(name, 0, 0, 0, new Dictionary<string, long>(), 0, 0, 0, null, null, [], [failure], Audited: false);
}
