using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Diagnostics;
using RecoFunctions.Core.Telemetry;

namespace RecoFunctions.Core.Services;

/// <summary>
/// One batch operation of a service, shared by every batch of this process: the items of all callers queue up and go out
/// together, up to the service's <see cref="ServiceEndpointOptions.BatchSize"/> per request, whenever the service's
/// concurrency bound (<see cref="ServiceCallGate"/>) has a free slot. A caller finding nothing under way is sent as soon
/// as the thread pool reaches the sending (the callers queued by then share its request); while every slot is busy, the
/// callers that arrive meanwhile share the next requests. So many small batches (many partitions, each with a few
/// messages) cost a few full requests instead of one small request each, and never queue behind the bound one by one. A
/// failed request fails only the items it carried.
/// </summary>
/// <remarks>
/// A caller's items may be split over several requests that run concurrently. Items whose order matters go together as a
/// unit (<see cref="CallAsync(IReadOnlyList{TItem}, IReadOnlyList{int}, CancellationToken)"/>): a unit is never split,
/// as long as it is no longer than a request, so it reaches the service in one request, in the caller's order. Answers
/// are matched by position; a missing answer comes back as <see langword="default"/>.
/// </remarks>
internal sealed class SharedBatchCall<TItem, TAnswer>
{
    private readonly string _service;
    private readonly string _operation;
    private readonly Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TAnswer>>> _send;
    private readonly ServiceCallGate _gate;
    private readonly IOptionsMonitor<ServiceEndpointOptions> _options;
    private readonly ServiceMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly CancellationToken _stopping;
    private readonly Queue<Submission> _queue = new();
    private bool _pumping;

    public SharedBatchCall(
        string service,
        string operation,
        Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TAnswer>>> send,
        SharedBatchCallDependencies dependencies)
    {
        _service = service;
        _operation = operation;
        _send = send;
        _gate = dependencies.Gate;
        _options = dependencies.Options;
        _metrics = dependencies.Metrics;
        _timeProvider = dependencies.TimeProvider;
        _logger = dependencies.Logger;
        _stopping = dependencies.Stopping;
    }

    /// <summary>The most items one request carries, as configured now.</summary>
    public int BatchSize => _options.Get(_service).BatchSize;

    /// <summary>Asks the service for <paramref name="items"/>; one answer per item, in the same order.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (items not yet sent are not sent).</exception>
    public Task<ItemAnswer<TAnswer>[]> CallAsync(IReadOnlyList<TItem> items, CancellationToken cancellationToken) =>
        CallAsync(items, unitEnds: null, cancellationToken);

    /// <summary>
    /// As <see cref="CallAsync(IReadOnlyList{TItem}, CancellationToken)"/>, with the items in consecutive units that each
    /// go out in one request: <paramref name="unitEnds"/> are the units' exclusive ends, rising, the last one
    /// <c>items.Count</c>. A unit longer than <see cref="BatchSize"/> is split.
    /// </summary>
    /// <exception cref="ArgumentException">The unit ends do not rise to the item count.</exception>
    public Task<ItemAnswer<TAnswer>[]> CallAsync(IReadOnlyList<TItem> items, IReadOnlyList<int>? unitEnds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (unitEnds is not null)
        {
            CheckUnits(unitEnds, items.Count);
        }

        if (items.Count == 0)
        {
            return Task.FromResult(Array.Empty<ItemAnswer<TAnswer>>());
        }

        cancellationToken.ThrowIfCancellationRequested();
        var submission = new Submission(items, unitEnds, cancellationToken);
        bool startPump;
        lock (_queue)
        {
            _queue.Enqueue(submission);
            startPump = !_pumping;
            _pumping = true;
        }

        if (startPump)
        {
            // Behind the work already queued, not inline: the batches a poll turn started together each call here within
            // moments of one another, and a pump that waits its turn finds them all queued and sends them in one request
            // instead of one request each.
            ThreadPool.UnsafeQueueUserWorkItem(static call => _ = call.PumpAsync(), this, preferLocal: false);
        }

        return cancellationToken.CanBeCanceled ? submission.Completion.Task.WaitAsync(cancellationToken) : submission.Completion.Task;
    }

    /// <summary>Sends what is queued, a request per free slot, until the queue is empty.</summary>
    private async Task PumpAsync()
    {
        while (true)
        {
            ServiceCallGate.Releaser slot;
            try
            {
                slot = await _gate.EnterAsync(_service, _stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                AbandonQueued();
                return;
            }

            Request? request;
            lock (_queue)
            {
                request = TakeRequest();
                _pumping = request is not null;
            }

            if (request is null)
            {
                slot.Dispose();
                return;
            }

            _ = SendAsync(request, slot);
        }
    }

    /// <summary>Under the lock: up to a batch of items from the oldest submissions; callers who gave up are skipped.</summary>
    private Request? TakeRequest()
    {
        var size = _options.Get(_service).BatchSize;
        Request? request = null;
        while (_queue.TryPeek(out var submission) && (request is null || request.Items.Count < size))
        {
            if (submission.Token.IsCancellationRequested)
            {
                _queue.Dequeue();
                submission.Completion.TrySetCanceled(submission.Token);
                continue;
            }

            request ??= new Request(size);
            var count = submission.Fitting(size - request.Items.Count, splitIfNone: request.Items.Count == 0);
            if (count == 0)
            {
                // Its next unit does not fit what is left of this request: it opens the next one.
                break;
            }

            request.Add(submission, count);
            if (submission.Next == submission.Items.Count)
            {
                _queue.Dequeue();
            }
        }

        return request;
    }

    private async Task SendAsync(Request request, ServiceCallGate.Releaser slot)
    {
        using (slot)
        {
            using var activity = ServiceCallActivity.Start(_service, _operation, request.Items.Count, request.Callers);
            var started = _timeProvider.GetTimestamp();
            try
            {
                var answers = await _send(request.Items, _stopping).ConfigureAwait(false);
                _metrics.RecordCall(_service, _operation, "ok", _timeProvider.GetElapsedTime(started));
                if (answers.Count != request.Items.Count)
                {
                    ServicesLog.AnswerMismatch(_logger, _service, _operation, answers.Count, request.Items.Count);
                }

                request.Answer(answers);
            }
            catch (Exception exception)
            {
                var failure = ServiceFailureClassifier.Classify(_service, exception, CancellationToken.None)!;
                _metrics.RecordCall(_service, _operation, failure.IsTransient ? "transient" : "permanent", _timeProvider.GetElapsedTime(started));
                LogFailure(request.Items.Count, failure, exception);
                ServiceCallActivity.Failed(activity, failure.Reason, failure.IsTransient);
                request.Fail(failure);
            }
        }
    }

    private static void CheckUnits(IReadOnlyList<int> unitEnds, int count)
    {
        var previous = 0;
        foreach (var end in unitEnds)
        {
            if (end <= previous || end > count)
            {
                throw new ArgumentException($"Unit ends must rise from above 0 to the item count ({count}); found {end} after {previous}.", nameof(unitEnds));
            }

            previous = end;
        }

        if (previous != count)
        {
            throw new ArgumentException($"The last unit must end at the item count ({count}), not {previous}.", nameof(unitEnds));
        }
    }

    private void AbandonQueued()
    {
        lock (_queue)
        {
            while (_queue.TryDequeue(out var submission))
            {
                submission.Completion.TrySetCanceled(_stopping);
            }

            _pumping = false;
        }
    }

    private void LogFailure(int itemCount, ServiceFailure failure, Exception exception)
    {
        if (exception is ServiceCallException or Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException
            or HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
        {
            ServicesLog.CallFailed(_logger, _service, _operation, itemCount, failure.IsTransient, failure.Reason);
        }
        else
        {
            ServicesLog.CallFailedUnexpectedly(_logger, exception, _service, _operation, itemCount);
        }
    }

    /// <summary>One caller's items and answers; <see cref="Next"/> and the answers are written under the queue's lock or by the requests that carry them.</summary>
    private sealed class Submission(IReadOnlyList<TItem> items, IReadOnlyList<int>? unitEnds, CancellationToken token)
    {
        private int _unanswered = items.Count;
        private int _unit;

        public IReadOnlyList<TItem> Items { get; } = items;

        public CancellationToken Token { get; } = token;

        /// <summary>The caller's span (its batch), parent or link of the requests that carry its items.</summary>
        public System.Diagnostics.ActivityContext Caller { get; } = System.Diagnostics.Activity.Current?.Context ?? default;

        public ItemAnswer<TAnswer>[] Answers { get; } = new ItemAnswer<TAnswer>[items.Count];

        public TaskCompletionSource<ItemAnswer<TAnswer>[]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Next { get; set; }

        /// <summary>
        /// How many of the next items fit in <paramref name="room"/> without splitting a unit; when not even one unit fits
        /// and <paramref name="splitIfNone"/> (an empty request), as many as fit.
        /// </summary>
        public int Fitting(int room, bool splitIfNone)
        {
            var left = Items.Count - Next;
            if (unitEnds is null || left <= room)
            {
                return Math.Min(room, left);
            }

            while (_unit < unitEnds.Count && unitEnds[_unit] <= Next)
            {
                _unit++;
            }

            var fitting = 0;
            for (var unit = _unit; unit < unitEnds.Count && unitEnds[unit] - Next <= room; unit++)
            {
                fitting = unitEnds[unit] - Next;
            }

            return fitting == 0 && splitIfNone ? room : fitting;
        }

        public void Answered(int count)
        {
            if (Interlocked.Add(ref _unanswered, -count) == 0)
            {
                Completion.TrySetResult(Answers);
            }
        }
    }

    /// <summary>The items of one request and the slices of the submissions they came from.</summary>
    private sealed class Request(int capacity)
    {
        private readonly List<(Submission Submission, int Start, int Count)> _slices = [];

        public List<TItem> Items { get; } = new(capacity);

        public List<System.Diagnostics.ActivityContext> Callers { get; } = [];

        public void Add(Submission submission, int count)
        {
            var start = submission.Next;
            for (var i = start; i < start + count; i++)
            {
                Items.Add(submission.Items[i]);
            }

            submission.Next = start + count;
            _slices.Add((submission, start, count));
            Callers.Add(submission.Caller);
        }

        public void Answer(IReadOnlyList<TAnswer> answers)
        {
            var position = 0;
            foreach (var (submission, start, count) in _slices)
            {
                for (var i = 0; i < count; i++, position++)
                {
                    submission.Answers[start + i] = new ItemAnswer<TAnswer>(position < answers.Count ? answers[position] : default, null);
                }

                submission.Answered(count);
            }
        }

        public void Fail(ServiceFailure failure)
        {
            foreach (var (submission, start, count) in _slices)
            {
                for (var i = 0; i < count; i++)
                {
                    submission.Answers[start + i] = new ItemAnswer<TAnswer>(default, failure);
                }

                submission.Answered(count);
            }
        }
    }
}
