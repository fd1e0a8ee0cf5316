using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RecoFunctions.Core.Diagnostics;
using RecoFunctions.Core.Services;
using RecoFunctions.Core.Telemetry;
using RecoFunctions.Testing;
using Xunit;

namespace RecoFunctions.Core.Tests.Services;

public sealed class SharedBatchCallTests : IDisposable
{
    private const string Service = "svc";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly ServiceProvider _provider = NewProvider(batchSize: 3, maxConcurrency: 1);
    private readonly ConcurrentQueue<string[]> _requests = new();
    private readonly ConcurrentQueue<TaskCompletionSource> _held = new();
    private Func<IReadOnlyList<string>, bool> _hold = _ => false;
    private Func<IReadOnlyList<string>, IReadOnlyList<string>> _answer = items => [.. items.Select(item => item.ToUpperInvariant())];

    private BatchCaller Caller => _provider.GetRequiredService<BatchCaller>();

    [Fact]
    public async Task CallAsync_SlotFree_SendsTheCallersItemsAtOnceAndAnswersInOrder()
    {
        var call = CreateCall();

        var answers = await call.CallAsync(["a", "b"], CancellationToken.None).WaitAsync(Patience);

        Assert.Equal([["a", "b"]], _requests);
        Assert.Equal(["A", "B"], answers.Select(answer => answer.Answer));
        Assert.All(answers, answer => Assert.Null(answer.Failure));
    }

    [Fact]
    public async Task CallAsync_CallersArrivingWhileEverySlotIsBusy_ShareTheNextRequest()
    {
        _hold = items => items.Contains("first");
        var call = CreateCall();
        var first = call.CallAsync(["first"], CancellationToken.None);
        var held = await NextHeldAsync();

        var second = call.CallAsync(["b", "c"], CancellationToken.None);
        var third = call.CallAsync(["d"], CancellationToken.None);
        held.SetResult();

        Assert.Equal(["FIRST"], (await first.WaitAsync(Patience)).Select(answer => answer.Answer));
        Assert.Equal(["B", "C"], (await second.WaitAsync(Patience)).Select(answer => answer.Answer));
        Assert.Equal(["D"], (await third.WaitAsync(Patience)).Select(answer => answer.Answer));
        Assert.Equal([["first"], ["b", "c", "d"]], _requests);
    }

    [Fact]
    public async Task CallAsync_CallersOfTwoBatchesShareARequest_ItsSpanContinuesTheFirstAndLinksTheOther()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RecoTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        _hold = items => items.Contains("first");
        var call = CreateCall();
        var first = call.CallAsync(["first"], CancellationToken.None);
        var held = await NextHeldAsync();

        var (batchB, second) = CallUnder("batch-b", call, "b");
        var (batchC, third) = CallUnder("batch-c", call, "c");
        held.SetResult();
        await Task.WhenAll(first, second, third).WaitAsync(Patience);

        await Eventually.TrueAsync(() => spans.Any(span => span.ParentSpanId == batchB.SpanId), "the shared request's span");
        var shared = Assert.Single(spans, span => span.ParentSpanId == batchB.SpanId);
        Assert.Equal(batchB.TraceId, shared.TraceId);
        Assert.Equal("svc op", shared.DisplayName);
        Assert.Equal([batchC.TraceId], shared.Links.Select(link => link.Context.TraceId));
    }

    [Fact]
    public async Task CallAsync_MoreQueuedItemsThanTheBatchSize_SendsRequestsOfAtMostTheBatchSize()
    {
        _hold = items => items.Contains("first");
        var call = CreateCall();
        var first = call.CallAsync(["first"], CancellationToken.None);
        var held = await NextHeldAsync();

        var many = call.CallAsync(["a", "b", "c", "d", "e", "f", "g"], CancellationToken.None);
        held.SetResult();

        Assert.Equal(["A", "B", "C", "D", "E", "F", "G"], (await many.WaitAsync(Patience)).Select(answer => answer.Answer));
        await first.WaitAsync(Patience);
        Assert.Equal([["first"], ["a", "b", "c"], ["d", "e", "f"], ["g"]], _requests);
    }

    [Fact]
    public async Task CallAsync_UnitsThatDoNotFitWhatIsLeft_OpenTheNextRequestWhole()
    {
        _hold = items => items.Contains("first");
        var call = CreateCall();
        var first = call.CallAsync(["first"], CancellationToken.None);
        var held = await NextHeldAsync();

        var units = call.CallAsync(["a1", "a2", "b1", "b2", "c1", "d1", "d2"], [2, 4, 5, 7], CancellationToken.None);
        held.SetResult();

        Assert.Equal(["A1", "A2", "B1", "B2", "C1", "D1", "D2"], (await units.WaitAsync(Patience)).Select(answer => answer.Answer));
        await first.WaitAsync(Patience);
        Assert.Equal([["first"], ["a1", "a2"], ["b1", "b2", "c1"], ["d1", "d2"]], _requests);
    }

    [Fact]
    public async Task CallAsync_UnitBehindAnotherCallersItems_WaitsForARequestItFitsWhole()
    {
        _hold = items => items.Contains("first");
        var call = CreateCall();
        var first = call.CallAsync(["first"], CancellationToken.None);
        var held = await NextHeldAsync();

        var single = call.CallAsync(["s"], CancellationToken.None);
        var unit = call.CallAsync(["k1", "k2", "k3"], [3], CancellationToken.None);
        held.SetResult();

        await Task.WhenAll(first, single, unit).WaitAsync(Patience);
        Assert.Equal([["first"], ["s"], ["k1", "k2", "k3"]], _requests);
    }

    [Fact]
    public async Task CallAsync_UnitLongerThanARequest_IsSplitInOrder()
    {
        var call = CreateCall();

        var answers = await call.CallAsync(["k1", "k2", "k3", "k4", "x"], [4, 5], CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(["K1", "K2", "K3", "K4", "X"], answers.Select(answer => answer.Answer));
        Assert.Equal([["k1", "k2", "k3"], ["k4", "x"]], _requests);
    }

    [Theory]
    [InlineData(new[] { 2 })]
    [InlineData(new[] { 0, 3 })]
    [InlineData(new[] { 2, 2, 3 })]
    [InlineData(new[] { 2, 4 })]
    public void CallAsync_UnitEndsNotRisingToTheCount_Throws(int[] unitEnds)
    {
        var call = CreateCall();

        // Thrown by the call itself, before anything is queued.
        var error = Assert.Throws<ArgumentException>(() => { _ = call.CallAsync(["a", "b", "c"], unitEnds, CancellationToken.None); });

        Assert.Equal("unitEnds", error.ParamName);
        Assert.Empty(_requests);
    }

    [Fact]
    public async Task CallAsync_OneRequestFails_FailsOnlyTheItemsItCarried()
    {
        var call = Caller.Create<string, string>(Service, "op", (items, _) =>
        {
            _requests.Enqueue([.. items]);
            return items.Contains("bad")
                ? Task.FromException<IReadOnlyList<string>>(new HttpRequestException(HttpRequestError.ConnectionError))
                : Task.FromResult<IReadOnlyList<string>>([.. items.Select(item => item.ToUpperInvariant())]);
        });

        var answers = await call.CallAsync(["a", "b", "c", "bad", "d"], CancellationToken.None).WaitAsync(Patience);

        Assert.Equal([["a", "b", "c"], ["bad", "d"]], _requests);
        Assert.Equal(["A", "B", "C"], answers.Take(3).Select(answer => answer.Answer));
        Assert.All(answers.Take(3), answer => Assert.Null(answer.Failure));
        Assert.All(answers.Skip(3), answer =>
        {
            Assert.Null(answer.Answer);
            Assert.True(answer.Failure!.IsTransient);
            Assert.Contains("connection failed", answer.Failure.Reason, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task CallAsync_AnswerShorterThanTheRequest_LeavesTheMissingItemsWithoutAnswerOrFailure()
    {
        _answer = items => [.. items.Take(1).Select(item => item.ToUpperInvariant())];
        var call = CreateCall();

        var answers = await call.CallAsync(["a", "b"], CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(new ItemAnswer<string>("A", null), answers[0]);
        Assert.Equal(default, answers[1]);
    }

    [Fact]
    public async Task CallAsync_CallerCancelsWhileQueued_ItsItemsAreNeverSentAndOthersAre()
    {
        _hold = items => items.Contains("first");
        var call = CreateCall();
        var first = call.CallAsync(["first"], CancellationToken.None);
        var held = await NextHeldAsync();
        using var cancel = new CancellationTokenSource();

        var cancelled = call.CallAsync(["gone"], cancel.Token);
        var kept = call.CallAsync(["kept"], CancellationToken.None);
        await cancel.CancelAsync();
        held.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Patience));
        Assert.Equal(["KEPT"], (await kept.WaitAsync(Patience)).Select(answer => answer.Answer));
        await first.WaitAsync(Patience);
        Assert.Equal([["first"], ["kept"]], _requests);
    }

    [Fact]
    public async Task Dispose_CallersWaitingForASlot_AreCancelled()
    {
        _hold = items => items.Contains("first");
        var call = CreateCall();
        _ = call.CallAsync(["first"], CancellationToken.None);
        var held = await NextHeldAsync();
        var waiting = call.CallAsync(["waiting"], CancellationToken.None);

        Caller.Dispose();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Patience));
        held.SetResult();
        Assert.DoesNotContain(_requests, request => request.Contains("waiting"));
    }

    [Fact]
    public async Task CallAsync_ManyConcurrentCallers_EveryItemIsAnsweredOnceWithinTheBound()
    {
        using var wide = NewProvider(batchSize: 7, maxConcurrency: 3);
        var requests = new ConcurrentQueue<string[]>();
        var inFlight = 0;
        var peak = 0;
        var call = wide.GetRequiredService<BatchCaller>().Create<string, string>(Service, "op", async (items, _) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref peak, now);
            await Task.Yield();
            requests.Enqueue([.. items]);
            Interlocked.Decrement(ref inFlight);
            return [.. items.Select(item => item.ToUpperInvariant())];
        });

        var callers = Enumerable.Range(0, 200)
            .Select(caller => Task.Run(() => call.CallAsync([.. Enumerable.Range(0, 1 + (caller % 5)).Select(i => $"c{caller}-{i}")], CancellationToken.None)))
            .ToArray();
        var answers = await Task.WhenAll(callers).WaitAsync(Patience);

        for (var caller = 0; caller < answers.Length; caller++)
        {
            Assert.Equal(Enumerable.Range(0, 1 + (caller % 5)).Select(i => $"C{caller}-{i}"), answers[caller].Select(answer => answer.Answer));
        }

        var sent = requests.SelectMany(request => request).ToList();
        Assert.Equal(sent.Count, sent.Distinct().Count());
        Assert.All(requests, request => Assert.InRange(request.Length, 1, 7));
        Assert.InRange(peak, 1, 3);
    }

    public void Dispose()
    {
        foreach (var held in _held)
        {
            held.TrySetResult();
        }

        _provider.Dispose();
    }

    private static ServiceProvider NewProvider(int batchSize, int maxConcurrency)
    {
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ServiceMetrics>();
        services.AddSingleton<ServiceCallGate>();
        services.AddSingleton<BatchCaller>();
        services.AddOptions<ServiceEndpointOptions>(Service).Configure(options =>
        {
            options.BatchSize = batchSize;
            options.MaxConcurrency = maxConcurrency;
        });
        return services.BuildServiceProvider();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>Calls from within a batch's span, as a batch run does; the span ends as the call is queued.</summary>
    private static (ActivityContext Batch, Task<ItemAnswer<string>[]> Call) CallUnder(string batch, SharedBatchCall<string, string> call, string item)
    {
        using var span = new Activity(batch).SetIdFormat(ActivityIdFormat.W3C).Start();
        return (span.Context, call.CallAsync([item], CancellationToken.None));
    }

    private SharedBatchCall<string, string> CreateCall() =>
        Caller.Create<string, string>(Service, "op", async (items, _) =>
        {
            _requests.Enqueue([.. items]);
            if (_hold(items))
            {
                var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _held.Enqueue(held);
                await held.Task.ConfigureAwait(false);
            }

            return _answer(items);
        });

    private async Task<TaskCompletionSource> NextHeldAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            if (_held.TryPeek(out var held))
            {
                return held;
            }

            await Task.Yield();
            timeout.Token.ThrowIfCancellationRequested();
        }
    }
}
