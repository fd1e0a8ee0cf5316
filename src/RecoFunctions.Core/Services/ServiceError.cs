namespace RecoFunctions.Core.Services;

/// <summary>Body of every non-success answer of the downstream services.</summary>
public sealed record ServiceError
{
    /// <summary>A short machine-readable code, e.g. <c>notFound</c>, <c>invalidRequest</c>, <c>injected</c>.</summary>
    public string Error { get; set; } = string.Empty;

    public string? Message { get; set; }
}
