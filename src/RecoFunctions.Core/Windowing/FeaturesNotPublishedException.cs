namespace RecoFunctions.Core.Windowing;

/// <summary>
/// Closed windows' features did not all reach the recommender (or their contents could not be looked up): nothing of the
/// batch may be checkpointed; the host re-opens the partition and publishes again, which the recommender takes idempotently.
/// </summary>
public sealed class FeaturesNotPublishedException : Exception
{
    public FeaturesNotPublishedException()
    {
    }

    public FeaturesNotPublishedException(string message)
        : base(message)
    {
    }

    public FeaturesNotPublishedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal FeaturesNotPublishedException(string what, string reason, int failed, bool isTransient, TimeSpan? retryAfter)
        : base($"{failed} {what} not published: {reason}")
    {
        Reason = reason;
        Failed = failed;
        IsTransient = isTransient;
        RetryAfter = retryAfter;
    }

    /// <summary>The first failure, e.g. <c>recommender-api: 503 ServiceUnavailable</c>.</summary>
    public string Reason { get; } = string.Empty;

    /// <summary>
    /// Closed windows whose features were not taken (all of the call's when their contents could not be looked up); from
    /// the content catalog itself, the contents it could not look up.
    /// </summary>
    public int Failed { get; }

    /// <summary>Whether trying again may help; a permanent failure (a rejected record) will fail again until the cause is fixed.</summary>
    public bool IsTransient { get; } = true;

    /// <summary>The wait the service asked for, if it did.</summary>
    public TimeSpan? RetryAfter { get; }
}
