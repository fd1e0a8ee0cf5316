namespace RecoFunctions.Runtime;

/// <summary>Which dead letters a replay sends back: reason containing <see cref="ReasonContains"/> (any case) and stage equal to <see cref="Stage"/>; null matches all.</summary>
internal sealed record ReplayFilter(string? ReasonContains, string? Stage)
{
    public bool Matches(string? reason, string? stage) =>
        (string.IsNullOrEmpty(ReasonContains) || (reason?.Contains(ReasonContains, StringComparison.OrdinalIgnoreCase) ?? false))
        && (string.IsNullOrEmpty(Stage) || string.Equals(stage, Stage, StringComparison.OrdinalIgnoreCase));
}
