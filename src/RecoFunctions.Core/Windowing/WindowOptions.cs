using System.ComponentModel.DataAnnotations;
using RecoFunctions.Core.Configuration;

namespace RecoFunctions.Core.Windowing;

/// <summary>
/// One configured window (<c>Windowing:Windows:&lt;i&gt;</c>): windows of <see cref="Size"/> starting every <see cref="Hop"/>,
/// aligned to midnight UTC; no hop means tumbling (hop = size).
/// </summary>
public sealed class WindowOptions
{
    /// <summary>The window's name as delivered with its features, e.g. <c>5m</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]{1,32}$")]
    public string Name { get; set; } = string.Empty;

    [TimeSpanRange("00:00:01", "31.00:00:00")]
    public TimeSpan Size { get; set; }

    /// <summary>Start-to-start distance of overlapping (sliding) windows; it must divide <see cref="Size"/>.</summary>
    [TimeSpanRange("00:00:01", "31.00:00:00")]
    public TimeSpan? Hop { get; set; }

    /// <summary>The hop in effect: the configured one, or the size for a tumbling window.</summary>
    public TimeSpan EffectiveHop => Hop ?? Size;
}
