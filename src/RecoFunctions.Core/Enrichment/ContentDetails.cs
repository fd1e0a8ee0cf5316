using RecoFunctions.Core.Services;

namespace RecoFunctions.Core.Enrichment;

/// <summary>What the content API adds to a content event.</summary>
internal sealed record ContentDetails(
    string? Title,
    string? Summary,
    Utf8Text? Body,
    string? Author,
    string? Category,
    string? ImageUrl,
    int WordCount,
    IReadOnlyList<string> Tags)
{
    public static ContentDetails From(ContentDocument document) => new(
        document.Title,
        document.Summary,
        document.Body,
        document.Author,
        document.Category,
        document.ImageUrl,
        document.WordCount,
        document.Tags ?? []);
}
