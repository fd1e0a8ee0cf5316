namespace RecoFunctions.Core.Domain;

public sealed record ContentItem(
    string ContentId,
    long Version,
    string Kind,
    string? Title,
    string? Locale,
    Uri? SourceUrl,
    IReadOnlyList<string> Tags,
    DateTimeOffset? PublishedAt);
