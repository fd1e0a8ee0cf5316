namespace RecoFunctions.Core.Domain;

/// <summary>A content item as its event describes it. <see cref="SourceUrl"/> is an absolute URL, kept as the message's text because it is passed on as text.</summary>
public sealed record ContentItem(
    string ContentId,
    long Version,
    string Kind,
    string? Title,
    string? Locale,
    string? SourceUrl,
    IReadOnlyList<string> Tags,
    DateTimeOffset? PublishedAt);
