namespace RecoFunctions.Core.Delivery;

/// <summary>Answer of <c>POST /features/batch</c>: one result per feature record, in request order.</summary>
public sealed record FeatureBatchResponse
{
    public IReadOnlyList<FeatureResult> Results { get; set; } = [];
}
