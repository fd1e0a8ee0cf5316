namespace RecoFunctions.Core.Flows;

/// <summary>One flow: where it reads, where its dead letters go, how it validates and which enrichment steps it runs.</summary>
public sealed class FlowOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary><c>content.v1</c>, <c>campaign.v1</c> or <c>interactions.v1</c>.</summary>
    public string? Contract { get; set; }

    public string? Topic { get; set; }

    /// <summary>Defaults to <c>&lt;Topic&gt;.dlq</c>.</summary>
    public string? DeadLetterTopic { get; set; }

    /// <summary>Enrichment steps in the order they run.</summary>
    public List<string> Steps { get; set; } = [];

    public ValidationOptions Validation { get; set; } = new();
}
