namespace RecoFunctions.Core.Tests.Support;

/// <summary>Waits for a condition that another thread makes true, failing after a generous real-time limit.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task TrueAsync(Func<bool> condition, string description)
    {
        using var limit = new CancellationTokenSource(Timeout);
        while (!condition())
        {
            if (limit.IsCancellationRequested)
            {
                Assert.Fail($"Timed out after {Timeout} waiting until {description}.");
            }

            await Task.Yield();
            await Task.Delay(2, CancellationToken.None);
        }
    }
}
