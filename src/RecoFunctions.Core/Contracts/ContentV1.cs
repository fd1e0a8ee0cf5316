namespace RecoFunctions.Core.Contracts;

public sealed record ContentV1
{
    public string? ContentId { get; init; }

    public long? Version { get; init; }

    public string? Kind { get; init; }

    public string? Title { get; init; }

    public string? Locale { get; init; }

    public string? SourceUrl { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }
}
