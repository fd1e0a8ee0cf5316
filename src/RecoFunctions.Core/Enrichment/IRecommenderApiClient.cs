namespace RecoFunctions.Core.Enrichment;

/// <summary>The recommender's query API (service <c>recommender-api</c>), used to enrich campaigns.</summary>
internal interface IRecommenderApiClient
{
    /// <summary><c>POST /recommender/known-content</c>.</summary>
    Task<KnownContentResult> GetKnownContentAsync(KnownContentRequest request, CancellationToken cancellationToken);

    /// <summary><c>POST /recommender/known-content/batch</c>.</summary>
    Task<KnownContentBatchResponse> GetKnownContentBatchAsync(KnownContentBatchRequest request, CancellationToken cancellationToken);
}
