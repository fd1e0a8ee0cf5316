namespace RecoFunctions.Core.Delivery;

/// <summary>A content item as the recommender stores it: the event's fields and the content API's full content.</summary>
public sealed record ItemPayload : DeliveryPayload
{
    public string ContentId { get; init; } = string.Empty;

    public string? Kind { get; init; }

    public string? Title { get; init; }

    public string? Summary { get; init; }

    public string? Body { get; init; }

    public string? Author { get; init; }

    public string? Category { get; init; }

    public string? Locale { get; init; }

    public string? SourceUrl { get; init; }

    public string? ImageUrl { get; init; }

    public int? WordCount { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public DateTimeOffset? PublishedAt { get; init; }
}
