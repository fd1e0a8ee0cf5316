namespace RecoFunctions.Core.Enrichment;

/// <summary>The answer for one requested content: <see cref="LookupStatus"/> and, when found, the content.</summary>
public sealed record ContentBatchItem
{
    public string ContentId { get; set; } = string.Empty;

    public long Version { get; set; }

    public string Status { get; set; } = string.Empty;

    public ContentDocument? Content { get; set; }

    public string? Message { get; set; }
}
