using System.ComponentModel.DataAnnotations;
using RecoFunctions.Core.Configuration;

namespace RecoFunctions.Functions.Planning;

/// <summary>
/// The <c>Orchestration</c> configuration section: how a Kafka trigger batch is cut into durable orchestrations and how
/// the durable host retries activities. Used by the Azure Functions host only.
/// </summary>
public sealed class OrchestrationOptions
{
    public const string SectionName = "Orchestration";

    /// <summary>Most messages (valid or not) in one orchestration's slice of a partition.</summary>
    [Range(1, 5000)]
    public int MaxItemsPerOrchestration { get; set; } = 256;

    /// <summary>
    /// Most estimated input bytes of one orchestration (see <see cref="BatchSplitter"/>): 768 KiB keeps every input, and
    /// so every continue-as-new and activity input, below the Durable Task Scheduler's 1 MiB message limit. The Azure
    /// Storage backend takes any size (above 45 KiB it moves a message to a blob).
    /// </summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxInputBytes { get; set; } = 768 * 1024;

    /// <summary>Attempts of an activity that fails with an infrastructure error, the first included.</summary>
    [Range(1, 20)]
    public int ActivityMaxAttempts { get; set; } = 5;

    [TimeSpanRange("00:00:00.100", "00:10:00")]
    public TimeSpan ActivityFirstRetryInterval { get; set; } = TimeSpan.FromSeconds(2);

    [Range(1.0, 10.0)]
    public double ActivityBackoffCoefficient { get; set; } = 2.0;

    [TimeSpanRange("00:00:00.100", "01:00:00")]
    public TimeSpan ActivityMaxRetryInterval { get; set; } = TimeSpan.FromMinutes(1);

    public ActivityRetry ToActivityRetry() =>
        new(ActivityMaxAttempts, ActivityFirstRetryInterval, ActivityBackoffCoefficient, ActivityMaxRetryInterval);
}
