using System.ComponentModel.DataAnnotations;
using RecoFunctions.Core.Configuration;

namespace RecoFunctions.Core.Resilience;

/// <summary>The <c>Retry</c> part of a service's resilience settings: exponential backoff with jitter, inside the total timeout.</summary>
public sealed class ServiceRetryOptions
{
    /// <summary>Retries after the first attempt; 0 disables retrying.</summary>
    [Range(0, 20)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Delay before the first retry; doubles with each further retry.</summary>
    [TimeSpanRange("00:00:00.001", "00:01:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Cap of the backoff delay. A Retry-After longer than this is not waited for inside the pipeline: the response is
    /// returned, so that the workflow can wait durably instead of holding a request open.
    /// </summary>
    [TimeSpanRange("00:00:00.001", "00:10:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Randomises the backoff so that instances do not retry in lock-step.</summary>
    public bool UseJitter { get; set; } = true;

    internal ServiceRetryOptions Clone() => (ServiceRetryOptions)MemberwiseClone();
}
