namespace RecoFunctions.Core.Domain;

public enum OutcomeKind
{
    /// <summary>The recommender applied it.</summary>
    Delivered,

    /// <summary>The recommender already held this or a newer version: counts as delivered.</summary>
    Stale,

    /// <summary>Permanently failed; goes to the dead-letter topic with its reason.</summary>
    DeadLettered,

    /// <summary>Failed transiently (or a breaker is open); must be retried, never dropped.</summary>
    RetryLater,
}
