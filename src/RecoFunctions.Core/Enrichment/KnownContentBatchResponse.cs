namespace RecoFunctions.Core.Enrichment;

/// <summary>Answer of <c>POST /recommender/known-content/batch</c>: one item per requested campaign, in request order.</summary>
public sealed record KnownContentBatchResponse
{
    public IReadOnlyList<KnownContentBatchItem> Items { get; set; } = [];
}
