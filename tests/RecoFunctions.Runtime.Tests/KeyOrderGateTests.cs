using Microsoft.Extensions.Time.Testing;

namespace RecoFunctions.Runtime.Tests;

/// <summary>How a batch's deliveries wait for the earlier batches of its keys.</summary>
public sealed class KeyOrderGateTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task PassAsync_NoEarlierBatch_PassesAtOnceWithoutWaiting()
    {
        var gate = new KeyOrderGate([], _time);

        await gate.PassAsync(CancellationToken.None);

        Assert.False(gate.HoldsAny);
        Assert.Equal(TimeSpan.Zero, gate.Waited);
    }

    [Fact]
    public async Task PassAsync_EarlierBatchRunning_PassesWhenItFinishesAndRecordsTheWait()
    {
        var earlier = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new KeyOrderGate([earlier.Task, Task.FromResult(true)], _time);

        var passing = gate.PassAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(40));
        Assert.False(passing.IsCompleted);
        earlier.SetResult(true);
        await passing;

        Assert.True(gate.HoldsAny);
        Assert.Equal(TimeSpan.FromMilliseconds(40), gate.Waited);
    }

    [Fact]
    public async Task PassAsync_EarlierBatchStoppedUnfinished_Throws()
    {
        var gate = new KeyOrderGate([Task.FromResult(true), Task.FromResult(false)], _time);

        await Assert.ThrowsAsync<EarlierBatchUnfinishedException>(() => gate.PassAsync(CancellationToken.None));
    }

    [Fact]
    public async Task PassAsync_CancelledWhileWaiting_ThrowsOperationCanceled()
    {
        using var abort = new CancellationTokenSource();
        var gate = new KeyOrderGate([new TaskCompletionSource<bool>().Task], _time);

        var passing = gate.PassAsync(abort.Token);
        await abort.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => passing);
    }
}
