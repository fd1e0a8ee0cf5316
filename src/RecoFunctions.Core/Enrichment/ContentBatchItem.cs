namespace RecoFunctions.Core.Enrichment;

/// <summary>The answer for one requested content: <see cref="LookupStatus"/> and, when found, the content.</summary>
public sealed record ContentBatchItem
{
    public string ContentId { get; init; } = string.Empty;

    public long Version { get; init; }

    public string Status { get; init; } = string.Empty;

    public ContentDocument? Content { get; init; }

    public string? Message { get; init; }
}
