using System.ComponentModel.DataAnnotations;

namespace RecoFunctions.Core.Flows;

/// <summary>The <c>Pipeline</c> configuration section: limits shared by all flows and the flows themselves.</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    /// <summary>Largest message value accepted; larger ones are dead-lettered without being parsed.</summary>
    [Range(64, 64 * 1024 * 1024)]
    public int MaxPayloadBytes { get; set; } = 1024 * 1024;

    /// <summary>Deepest JSON nesting accepted; the v1 contracts need 3.</summary>
    [Range(2, 256)]
    public int MaxJsonDepth { get; set; } = 16;

    /// <summary>Flows by name (<c>content</c>, <c>campaign</c>).</summary>
    public Dictionary<string, FlowOptions> Flows { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
