using System.ComponentModel.DataAnnotations;
using RecoFunctions.Core.Configuration;

namespace RecoFunctions.Core.Services;

/// <summary>
/// One downstream service, configured under <c>Services:&lt;service&gt;</c> (content-api, placement-api, recommender-api).
/// Retries, timeouts per attempt and breakers live in the <c>Resilience</c> section under the same service name.
/// </summary>
public sealed class ServiceEndpointOptions
{
    public const string SectionName = "Services";

    /// <summary>Absolute http(s) URL the service's paths are relative to, e.g. <c>http://127.0.0.1:5080/</c>.</summary>
    [Required(ErrorMessage = "{0} is required")]
    [AbsoluteHttpUrl]
    public string? BaseUrl { get; set; }

    /// <summary>Header that carries <see cref="ApiKey"/>.</summary>
    [Required(ErrorMessage = "{0} is required")]
    [RegularExpression("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$", ErrorMessage = "{0} must be a valid HTTP header name")]
    public string ApiKeyHeader { get; set; } = "X-Api-Key";

    /// <summary>Sent in <see cref="ApiKeyHeader"/> when set; comes from configuration (environment, Key Vault), never from committed files.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Longest a call may take, all retries included (HttpClient timeout).</summary>
    [TimeSpanRange("00:00:00.010", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most items per batch request.</summary>
    [Range(1, 5000, ErrorMessage = "{0} must be between {1} and {2}")]
    public int BatchSize { get; set; } = 100;

    /// <summary>Most requests to this service in flight from this process at once.</summary>
    [Range(1, 1024, ErrorMessage = "{0} must be between {1} and {2}")]
    public int MaxConcurrency { get; set; } = 8;
}
