namespace RecoFunctions.Core.Delivery;

/// <summary>Body of <c>POST /features/batch</c>.</summary>
public sealed record FeatureBatchRequest
{
    public IReadOnlyList<FeatureRecord> Features { get; set; } = [];
}
