using System.ComponentModel.DataAnnotations;
using RecoFunctions.Core.Configuration;

namespace RecoFunctions.Core.Workflow;

/// <summary>The <c>Workflow</c> configuration section: the retry budget of the batch workflow.</summary>
public sealed class WorkflowOptions
{
    public const string SectionName = "Workflow";

    /// <summary>Calls of the batch step per workflow run, the first included.</summary>
    [Range(1, 100)]
    public int MaxAttemptsPerRun { get; set; } = 5;

    /// <summary>Wait after the first failed attempt.</summary>
    [TimeSpanRange("00:00:00.010", "00:10:00")]
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Growth of the wait from one attempt to the next.</summary>
    [Range(1.0, 10.0)]
    public double BackoffFactor { get; set; } = 2.0;

    /// <summary>Longest wait between attempts, Retry-After and open breakers included.</summary>
    [TimeSpanRange("00:00:00.010", "01:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Age (from the first attempt) after which a still transiently failing item is dead-lettered.</summary>
    [TimeSpanRange("00:01:00", "30.00:00:00")]
    public TimeSpan MaxMessageAge { get; set; } = TimeSpan.FromHours(1);

    public RetryBudget ToRetryBudget() => new(MaxAttemptsPerRun, FirstDelay, BackoffFactor, MaxDelay, MaxMessageAge);
}
