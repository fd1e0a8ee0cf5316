namespace RecoFunctions.Local.Workload;

/// <summary>What the pipeline is expected to do with a message.</summary>
public enum MessageFate
{
    /// <summary>Reaches the recommender, as applied or as stale (an older or equal version than the one held).</summary>
    Valid,

    /// <summary>Dead-lettered at parse or validate, never retried.</summary>
    Invalid,

    /// <summary>Valid, but dead-lettered at enrich or deliver because a service refuses it for good (404, 400).</summary>
    PermanentFailure,

    /// <summary>Valid, but later than the windows' allowed lateness: dead-lettered at window with reason <c>late</c>.</summary>
    Late,
}
