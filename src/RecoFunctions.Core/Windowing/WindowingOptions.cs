using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Configuration;

namespace RecoFunctions.Core.Windowing;

/// <summary>The <c>Windowing</c> configuration section: the interactions flow's event-time windows and their bounds.</summary>
public sealed class WindowingOptions
{
    public const string SectionName = "Windowing";

    /// <summary>How long after its end a window still takes events; the watermark must pass end + this to close it.</summary>
    [TimeSpanRange("00:00:00", "7.00:00:00")]
    public TimeSpan AllowedLateness { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The windows every user is aggregated in. Configured windows replace these defaults as a whole (see
    /// <c>AddWindowing</c>): 5-minute tumbling, 1-hour sliding with a 5-minute hop, daily.
    /// </summary>
    [ValidateEnumeratedItems]
    public List<WindowOptions> Windows { get; set; } =
    [
        new() { Name = "5m", Size = TimeSpan.FromMinutes(5) },
        new() { Name = "1h", Size = TimeSpan.FromHours(1), Hop = TimeSpan.FromMinutes(5) },
        new() { Name = "1d", Size = TimeSpan.FromDays(1) },
    ];

    /// <summary>Users with open windows held per source partition; an event of a further user is dead-lettered (reason <c>capacity</c>).</summary>
    [Range(1, 10_000_000)]
    public int MaxUsersPerPartition { get; set; } = 200_000;

    /// <summary>Distinct events one user's window may hold; a further event in that window is dead-lettered (reason <c>capacity</c>).</summary>
    [Range(1, 1_000_000)]
    public int MaxEventsPerUserWindow { get; set; } = 10_000;

    /// <summary>How many top tags and top kinds a window's features list.</summary>
    [Range(1, 100)]
    public int TopCount { get; set; } = 5;
}
