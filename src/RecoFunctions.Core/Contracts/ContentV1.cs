namespace RecoFunctions.Core.Contracts;

public sealed record ContentV1
{
    public string? ContentId { get; set; }

    public long? Version { get; set; }

    public string? Kind { get; set; }

    public string? Title { get; set; }

    public string? Locale { get; set; }

    public string? SourceUrl { get; set; }

    public IReadOnlyList<string>? Tags { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }
}
