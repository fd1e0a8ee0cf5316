namespace RecoFunctions.Core.Enrichment;

/// <summary>The full content as the content API returns it (<c>GET /contents/{contentId}</c> and in batch answers).</summary>
public sealed record ContentDocument
{
    public string ContentId { get; init; } = string.Empty;

    public long Version { get; init; }

    public string? Kind { get; init; }

    public string? Title { get; init; }

    public string? Summary { get; init; }

    public string? Body { get; init; }

    public string? Author { get; init; }

    public string? Category { get; init; }

    public string? Locale { get; init; }

    public string? ImageUrl { get; init; }

    public int WordCount { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }
}
