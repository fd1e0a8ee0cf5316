using System.ComponentModel.DataAnnotations;
using RecoFunctions.Core.Configuration;

namespace RecoFunctions.Core.CircuitState;

/// <summary>The <c>CircuitState</c> configuration section: how breaker state is shared between instances.</summary>
public sealed class CircuitStateOptions
{
    public const string SectionName = "CircuitState";
    public const string InMemoryStore = "InMemory";
    public const string AzureTableStore = "AzureTable";

    /// <summary>How often the shared state is read; also the longest an instance lags behind another's breaker.</summary>
    [TimeSpanRange("00:00:00.100", "00:05:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary><c>InMemory</c> (one process) or <c>AzureTable</c>.</summary>
    [Required]
    [AllowedValues(InMemoryStore, AzureTableStore, ErrorMessage = "{0} must be InMemory or AzureTable")]
    public string Store { get; set; } = InMemoryStore;

    /// <summary>Name of this instance in the records it writes; machine name and process id when empty.</summary>
    [StringLength(256)]
    public string? InstanceId { get; set; }

    /// <summary>Read-modify-write rounds when publishing "open until" loses races to other instances.</summary>
    [Range(1, 50)]
    public int MaxPublishAttempts { get; set; } = 5;
}
