using System.Diagnostics;

namespace RecoFunctions.Testing;

/// <summary>Waits for a condition another thread will make true, failing after a generous real-time limit instead of hanging.</summary>
public static class Eventually
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static Task TrueAsync(Func<bool> condition, string description) => WaitUntilAsync(condition, Timeout, description);

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? Timeout;
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > limit)
            {
                throw new TimeoutException($"Gave up after {limit} waiting for {what ?? "the condition"}.");
            }

            await Task.Delay(2).ConfigureAwait(false);
        }
    }
}
