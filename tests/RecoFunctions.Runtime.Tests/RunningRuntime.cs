
namespace RecoFunctions.Runtime.Tests;

/// <summary>A runtime running in the background until <see cref="StopAsync"/> (graceful: drain and commit).</summary>
internal sealed class RunningRuntime : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    private RunningRuntime(PipelineRuntime runtime)
    {
        Runtime = runtime;
        Completion = Task.Run(() => runtime.RunAsync(_stop.Token));
    }

    public PipelineRuntime Runtime { get; }

    public Task Completion { get; }

    public static RunningRuntime Start(PipelineRuntime runtime) => new(runtime);

    public async Task WaitUntilIdleAsync()
    {
        using var timeout = new CancellationTokenSource(RuntimeHarness.Timeout);
        var idle = Runtime.WaitUntilIdleAsync(TimeSpan.FromMilliseconds(300), timeout.Token);
        var finished = await Task.WhenAny(idle, Completion);
        await finished;
        Assert.True(finished == idle, "the runtime stopped before it was idle");
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Completion.WaitAsync(RuntimeHarness.Timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (!Completion.IsCompleted)
        {
            await _stop.CancelAsync();
            try
            {
                await Completion.WaitAsync(RuntimeHarness.Timeout);
            }
            catch (Exception)
            {
                // The test already failed or asserted what it needed.
            }
        }

        _stop.Dispose();
    }
}
