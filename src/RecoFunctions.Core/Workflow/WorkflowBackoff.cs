using RecoFunctions.Core.Messaging;

namespace RecoFunctions.Core.Workflow;

/// <summary>
/// Delay between the workflow's attempts: exponential backoff plus up to <see cref="JitterRatio"/> of jitter, or the
/// largest Retry-After of the failed items if longer, all capped at <see cref="RetryBudget.MaxDelay"/>. The jitter
/// comes from a hash of the batch and attempt, so replays compute the same delay while different batches spread out.
/// </summary>
internal static class WorkflowBackoff
{
    public const double JitterRatio = 0.1;

    public static TimeSpan ComputeDelay(RetryBudget budget, int attempt, TimeSpan? retryAfter, ulong seed)
    {
        var cap = budget.MaxDelay.TotalMilliseconds;
        var backoff = Math.Min(budget.FirstDelay.TotalMilliseconds * Math.Pow(budget.BackoffFactor, attempt - 1), cap);
        backoff = Math.Min(backoff * (1 + (JitterRatio * UnitInterval(seed))), cap);
        var delay = TimeSpan.FromMilliseconds(backoff);
        if (retryAfter is { } wanted && wanted > delay)
        {
            delay = wanted < budget.MaxDelay ? wanted : budget.MaxDelay;
        }

        return delay;
    }

    /// <summary>FNV-1a over the flow, the first item's position and the attempt: stable across processes, unlike string hash codes.</summary>
    public static ulong Seed(string flow, MessageId firstItem, int attempt)
    {
        var hash = 14695981039346656037UL;
        foreach (var character in flow ?? string.Empty)
        {
            hash = Mix(hash, character);
        }

        foreach (var character in firstItem.Topic ?? string.Empty)
        {
            hash = Mix(hash, character);
        }

        hash = Mix(hash, (ulong)firstItem.Partition);
        hash = Mix(hash, (ulong)firstItem.Offset);
        return Mix(hash, (ulong)attempt);
    }

    /// <summary>Maps a hash to [0, 1).</summary>
    public static double UnitInterval(ulong seed) => (seed >> 11) * (1.0 / (1UL << 53));

    private static ulong Mix(ulong hash, ulong value) => (hash ^ value) * 1099511628211UL;
}
