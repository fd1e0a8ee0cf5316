using RecoFunctions.Testing;

namespace RecoFunctions.Core.Tests.Support;

/// <summary>A thread-safe counter that tests can await reaching a value.</summary>
internal sealed class CountSignal
{
    private readonly Lock _lock = new();
    private readonly List<(int Target, TaskCompletionSource Reached)> _waiters = [];
    private int _count;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    public int Increment()
    {
        List<TaskCompletionSource> reached = [];
        int count;
        lock (_lock)
        {
            count = ++_count;
            foreach (var waiter in _waiters.Where(waiter => waiter.Target <= count).ToList())
            {
                _waiters.Remove(waiter);
                reached.Add(waiter.Reached);
            }
        }

        reached.ForEach(signal => signal.TrySetResult());
        return count;
    }

    public async Task WaitForAsync(int target)
    {
        TaskCompletionSource reached;
        lock (_lock)
        {
            if (_count >= target)
            {
                return;
            }

            reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((target, reached));
        }

        try
        {
            await reached.Task.WaitAsync(Eventually.Timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Count stayed at {Count}, below {target}, for {Eventually.Timeout}.");
        }
    }
}
