using System.ComponentModel.DataAnnotations;
using RecoFunctions.Core.Configuration;

namespace RecoFunctions.Runtime.Windows;

/// <summary>
/// The <c>Changelog</c> section: where <c>reco run</c> keeps the window state of windowed flows (a compacted topic per
/// flow, <c>&lt;consumer group&gt;-&lt;topic&gt;-windows-changelog</c>, one partition per partition of the flow's topic).
/// </summary>
public sealed class ChangelogOptions
{
    public const string SectionName = "Changelog";

    /// <summary>
    /// Bytes written to a changelog partition after which the next save rewrites every user (a snapshot), so that a
    /// broker that keeps only recent records (the embedded Kafka keeps about 5 MiB per partition) still holds a whole state.
    /// </summary>
    [Range(65_536, 1_073_741_824)]
    public long SnapshotAfterBytes { get; set; } = 1_048_576;

    /// <summary>How long reading a changelog partition back on assignment may take before the runtime stops with an error.</summary>
    [TimeSpanRange("00:00:01", "00:30:00")]
    public TimeSpan RestoreTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Replicas of a changelog topic the runtime creates on a real cluster; -1 takes the broker's default.</summary>
    [Range(-1, 16)]
    public short ReplicationFactor { get; set; } = -1;
}
