using RecoFunctions.Core.Services;

namespace RecoFunctions.Core.Enrichment;

/// <summary>The full content as the content API returns it (<c>GET /contents/{contentId}</c> and in batch answers).</summary>
public sealed record ContentDocument
{
    public string ContentId { get; set; } = string.Empty;

    public long Version { get; set; }

    public string? Kind { get; set; }

    public string? Title { get; set; }

    public string? Summary { get; set; }

    public Utf8Text? Body { get; set; }

    public string? Author { get; set; }

    public string? Category { get; set; }

    public string? Locale { get; set; }

    public string? ImageUrl { get; set; }

    public int WordCount { get; set; }

    public IReadOnlyList<string>? Tags { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }
}
