using RecoFunctions.Core.DeadLetters;

namespace RecoFunctions.Runtime;

/// <summary>
/// Which dead letters a replay sends back: failure detail containing <see cref="ReasonContains"/> (any case) and stage
/// named <see cref="Stage"/>; null matches all.
/// </summary>
internal sealed record ReplayFilter(string? ReasonContains, string? Stage)
{
    public bool Matches(DeadLetterFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return (string.IsNullOrEmpty(ReasonContains) || failure.Detail.Contains(ReasonContains, StringComparison.OrdinalIgnoreCase))
            && (string.IsNullOrEmpty(Stage) || string.Equals(failure.StageName, Stage, StringComparison.OrdinalIgnoreCase));
    }
}
