using RecoFunctions.Core.Services;

namespace RecoFunctions.Core.Delivery;

/// <summary>A content item as the recommender stores it: the event's fields and the content API's full content.</summary>
public sealed record ItemPayload : DeliveryPayload
{
    public string ContentId { get; set; } = string.Empty;

    public string? Kind { get; set; }

    public string? Title { get; set; }

    public string? Summary { get; set; }

    public Utf8Text? Body { get; set; }

    public string? Author { get; set; }

    public string? Category { get; set; }

    public string? Locale { get; set; }

    public string? SourceUrl { get; set; }

    public string? ImageUrl { get; set; }

    public int? WordCount { get; set; }

    public IReadOnlyList<string> Tags { get; set; } = [];

    public DateTimeOffset? PublishedAt { get; set; }
}
