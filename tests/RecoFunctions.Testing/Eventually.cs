using System.Diagnostics;

namespace RecoFunctions.Testing;

/// <summary>Waits for a condition another thread will make true, failing after a timeout instead of hanging.</summary>
public static class Eventually
{
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > limit)
            {
                throw new TimeoutException($"Gave up after {limit} waiting for {what ?? "the condition"}.");
            }

            await Task.Delay(5).ConfigureAwait(false);
        }
    }
}
