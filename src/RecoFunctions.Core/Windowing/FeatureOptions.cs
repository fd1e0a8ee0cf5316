using System.ComponentModel.DataAnnotations;
using RecoFunctions.Core.Configuration;

namespace RecoFunctions.Core.Windowing;

/// <summary>
/// The <c>Features</c> configuration section: the content catalog's cache. How long the top lists are is
/// <see cref="WindowingOptions.TopCount"/>.
/// </summary>
public sealed class FeatureOptions
{
    public const string SectionName = "Features";

    /// <summary>Content items whose kind and tags are kept in memory; beyond it the cache drops the entries used longest ago, which are looked up again when needed.</summary>
    [Range(1, 10_000_000)]
    public int CatalogCapacity { get; set; } = 100_000;

    /// <summary>How long a content's kind and tags are used before they are looked up again.</summary>
    [TimeSpanRange("00:00:01", "1.00:00:00")]
    public TimeSpan CatalogEntryLifetime { get; set; } = TimeSpan.FromMinutes(10);
}
