namespace RecoFunctions.Local.Accounting;

/// <summary>The audit of one flow. Pairs are distinct valid (key, version) pairs; dead letters are records of the flow's dead-letter topic.</summary>
/// <param name="Flow">The flow's name.</param>
/// <param name="Topic">Where the run produced.</param>
/// <param name="DeadLetterTopic">Where the flow's dead letters go.</param>
/// <param name="Produced">Messages the run put on the flow's topic.</param>
/// <param name="ExpectedValidMessages">Produced messages expected to reach the recommender, duplicates and repeats included.</param>
/// <param name="ExpectedValidPairs">Distinct (key, version) pairs among them.</param>
/// <param name="Delivered">Pairs the recommender received, as applied or stale.</param>
/// <param name="ValidDeadLettered">Pairs not received but dead-lettered: not lost, but not expected either.</param>
/// <param name="Lost">Pairs neither received nor dead-lettered: must be 0.</param>
/// <param name="LostSuperseded">Of <paramref name="Lost"/>, pairs whose key the recommender holds at a higher version (the end state is right, the version was skipped).</param>
/// <param name="ExpectedDeadLetters">Invalid and permanently failing messages produced.</param>
/// <param name="DeadLettered">Dead letters that point at this run's messages.</param>
/// <param name="MissingDeadLetters">Expected dead letters not found: invalid or failing messages dropped silently.</param>
/// <param name="MisroutedDeadLetters">Expected dead letters found at another kind of stage (an invalid message failing at enrich, say).</param>
/// <param name="UnexpectedDeadLetters">Dead letters of valid messages.</param>
/// <param name="TransientDeadLetters">Of <paramref name="UnexpectedDeadLetters"/>, those whose reason is transient (timeouts, 5xx, exhausted retries): must be 0.</param>
/// <param name="RepeatedDeadLetters">Further dead letters of a message already dead-lettered (a batch redone after a crash).</param>
/// <param name="ForeignDeadLetters">Dead letters of messages outside this run's offsets (earlier runs); ignored.</param>
/// <param name="DeadLettersByStage">This run's dead letters by stage header.</param>
/// <param name="DeadLettersByReason">This run's dead letters by reason, details removed.</param>
/// <param name="Samples">A few named examples of each problem (lost pairs, missing, misrouted, unexpected dead letters).</param>
public sealed record FlowAudit(
    string Flow,
    string Topic,
    string DeadLetterTopic,
    long Produced,
    long ExpectedValidMessages,
    long ExpectedValidPairs,
    long Delivered,
    long ValidDeadLettered,
    long Lost,
    long LostSuperseded,
    long ExpectedDeadLetters,
    long DeadLettered,
    long MissingDeadLetters,
    long MisroutedDeadLetters,
    long UnexpectedDeadLetters,
    long TransientDeadLetters,
    long RepeatedDeadLetters,
    long ForeignDeadLetters,
    IReadOnlyDictionary<string, long> DeadLettersByStage,
    IReadOnlyDictionary<string, long> DeadLettersByReason,
    IReadOnlyList<string> Samples);
