namespace RecoFunctions.Core.Enrichment;

/// <summary>Body of <c>POST /recommender/known-content/batch</c>.</summary>
public sealed record KnownContentBatchRequest
{
    public IReadOnlyList<KnownContentRequest> Items { get; set; } = [];
}
