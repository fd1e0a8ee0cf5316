namespace RecoFunctions.Core.Windowing;

/// <summary>Kind and tags of content items, looked up in batches and cached (content flow's data or the content API).</summary>
public interface IContentCatalog
{
    /// <summary>Facts for every requested id; ids the source does not know map to facts with no kind and no tags.</summary>
    ValueTask<IReadOnlyDictionary<string, ContentFacts>> LookupAsync(IReadOnlyCollection<string> contentIds, CancellationToken cancellationToken);
}
