using System.Net;
using Polly.CircuitBreaker;
using Polly.Timeout;
using RecoFunctions.Core.Resilience;
using BreakerState = Polly.CircuitBreaker.CircuitState;
using RecoFunctions.Testing;

namespace RecoFunctions.Core.Tests.Resilience;

public sealed class ServicePipelineProviderTests
{
    private static readonly TimeSpan RealTimeout = Eventually.Timeout;

    /// <summary>Clock step for driving retries: longer than every backoff delay of the test settings, shorter than the attempt timeout.</summary>
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(900);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task GetPipeline_TransientFailuresThenSuccess_RetriesUntilSuccess(int failures)
    {
        await using var harness = ResilienceHarness.Create();
        var handler = ScriptedHandler.FirstThen(harness.Time, failures, () => ScriptedHandler.Respond(HttpStatusCode.ServiceUnavailable), HttpStatusCode.OK);

        using var response = await harness.DriveAsync(ResilienceHarness.SendAsync(harness.ContentApi, handler).AsTask(), Step);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(failures + 1, handler.Calls.Count);
        Assert.Equal(failures, harness.Logs.EventIds.Count(id => id == 3101));
    }

    [Fact]
    public async Task GetPipeline_MoreTransientFailuresThanRetries_ReturnsLastFailure()
    {
        await using var harness = ResilienceHarness.Create();
        var handler = ScriptedHandler.Always(harness.Time, HttpStatusCode.BadGateway);

        using var response = await harness.DriveAsync(ResilienceHarness.SendAsync(harness.ContentApi, handler).AsTask(), Step);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(4, handler.Calls.Count);
    }

    [Fact]
    public async Task GetPipeline_ConnectionFailureThenSuccess_Retries()
    {
        await using var harness = ResilienceHarness.Create();
        var handler = new ScriptedHandler(harness.Time, (call, _) => call == 1
            ? Task.FromException<HttpResponseMessage>(new HttpRequestException("Connection refused (content.test:80)"))
            : Task.FromResult(ScriptedHandler.Respond(HttpStatusCode.OK)));

        using var response = await harness.DriveAsync(ResilienceHarness.SendAsync(harness.ContentApi, handler).AsTask(), Step);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, handler.Calls.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, false, 2)]
    [InlineData(HttpStatusCode.ServiceUnavailable, false, 3)]
    [InlineData(HttpStatusCode.TooManyRequests, true, 3)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true, 4)]
    public async Task GetPipeline_RetryAfter_NextAttemptWaitsUntilItHasPassed(HttpStatusCode status, bool asDate, int seconds)
    {
        await using var harness = ResilienceHarness.Create();
        var start = harness.Time.GetUtcNow();
        var retryAfter = TimeSpan.FromSeconds(seconds);
        var handler = ScriptedHandler.FirstThen(
            harness.Time,
            1,
            () => asDate ? ScriptedHandler.RetryAfter(status, start + retryAfter) : ScriptedHandler.RetryAfter(status, retryAfter),
            HttpStatusCode.OK);

        var sending = ResilienceHarness.SendAsync(harness.ContentApi, handler).AsTask();
        await handler.Calls.WaitForAsync(1);
        await harness.Time.WaitForTimerAsync(retryAfter, RealTimeout);
        harness.Time.Advance(retryAfter - TimeSpan.FromMilliseconds(100));

        Assert.Equal(1, handler.Calls.Count);
        Assert.False(sending.IsCompleted);

        harness.Time.Advance(TimeSpan.FromMilliseconds(100));
        using var response = await sending.WaitAsync(RealTimeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, handler.Calls.Count);
        Assert.True(handler.CallTimes[1] - handler.CallTimes[0] >= retryAfter, $"second call after {handler.CallTimes[1] - handler.CallTimes[0]}");
    }

    [Fact]
    public async Task GetPipeline_RetryAfterBeyondMaxDelay_ReturnsAnswerWithoutWaiting()
    {
        await using var harness = ResilienceHarness.Create();
        var handler = ScriptedHandler.FirstThen(
            harness.Time, 1, () => ScriptedHandler.RetryAfter(HttpStatusCode.TooManyRequests, TimeSpan.FromMinutes(1)), HttpStatusCode.OK);

        using var response = await ResilienceHarness.SendAsync(harness.ContentApi, handler).AsTask().WaitAsync(RealTimeout);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(1), RetryAfterHeader.GetDelay(response, harness.Time.GetUtcNow()));
        Assert.Equal(1, handler.Calls.Count);
    }

    [Fact]
    public async Task GetPipeline_AttemptTimesOutThenSucceeds_RetriesAfterAttemptTimeout()
    {
        await using var harness = ResilienceHarness.Create();
        var handler = new ScriptedHandler(harness.Time, async (call, token) =>
        {
            if (call == 1)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
            }

            return ScriptedHandler.Respond(HttpStatusCode.OK);
        });

        var sending = ResilienceHarness.SendAsync(harness.ContentApi, handler).AsTask();
        await handler.Calls.WaitForAsync(1);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.Time.WaitForTimerAsync(TimeSpan.FromMilliseconds(200), RealTimeout);
        harness.Time.Advance(TimeSpan.FromMilliseconds(200));
        using var response = await sending.WaitAsync(RealTimeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, handler.Calls.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(1200), handler.CallTimes[1] - handler.CallTimes[0]);
        Assert.Contains(harness.Logs.Entries, entry => entry.EventId == 3102 && entry.Message.Contains(nameof(TimeoutRejectedException), StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetPipeline_EveryAttemptHangs_FailsWithTimeoutAtTotalTimeout()
    {
        await using var harness = ResilienceHarness.Create(new Dictionary<string, string?>
        {
            ["Resilience:content-api:TotalTimeout"] = "00:00:02",
        });
        var start = harness.Time.GetUtcNow();
        var handler = new ScriptedHandler(harness.Time, async (_, token) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return ScriptedHandler.Respond(HttpStatusCode.OK);
        });

        var sending = ResilienceHarness.SendAsync(harness.ContentApi, handler).AsTask();
        await handler.Calls.WaitForAsync(1);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.Time.WaitForTimerAsync(TimeSpan.FromMilliseconds(200), RealTimeout);
        harness.Time.Advance(TimeSpan.FromMilliseconds(200));
        await handler.Calls.WaitForAsync(2);
        harness.Time.Advance(TimeSpan.FromMilliseconds(800));

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => sending.WaitAsync(RealTimeout));
        Assert.Equal(TimeSpan.FromSeconds(2), harness.Time.GetUtcNow() - start);
        Assert.Equal(2, handler.Calls.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    public async Task GetPipeline_PermanentClientError_ReturnedWithoutRetryAndNotCountedByBreaker(HttpStatusCode status)
    {
        await using var harness = ResilienceHarness.Create(new Dictionary<string, string?>
        {
            ["Resilience:content-api:CircuitBreaker:MinimumThroughput"] = "2",
        });
        var handler = ScriptedHandler.Always(harness.Time, status);

        for (var call = 1; call <= 10; call++)
        {
            using var response = await ResilienceHarness.SendAsync(harness.ContentApi, handler).AsTask().WaitAsync(RealTimeout);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal(call, handler.Calls.Count);
        }

        Assert.Equal(BreakerState.Closed, harness.ContentBreaker.CircuitState);
    }

    [Fact]
    public async Task GetPipeline_BreakerLifecycle_OpensRejectsProbesAndCloses()
    {
        await using var harness = ResilienceHarness.Create(new Dictionary<string, string?>
        {
            ["Resilience:content-api:Retry:MaxAttempts"] = "0",
            ["Resilience:content-api:CircuitBreaker:MinimumThroughput"] = "2",
        });
        var breaker = harness.ContentBreaker;
        var start = harness.Time.GetUtcNow();
        BreakerState? stateDuringProbe = null;
        var handler = new ScriptedHandler(harness.Time, (call, _) =>
        {
            if (call <= 2)
            {
                return Task.FromResult(ScriptedHandler.Respond(HttpStatusCode.InternalServerError));
            }

            stateDuringProbe = breaker.CircuitState;
            return Task.FromResult(ScriptedHandler.Respond(HttpStatusCode.OK));
        });

        (await ResilienceHarness.SendAsync(harness.ContentApi, handler)).Dispose();
        Assert.Equal(BreakerState.Closed, breaker.CircuitState);
        (await ResilienceHarness.SendAsync(harness.ContentApi, handler)).Dispose();

        Assert.Equal(BreakerState.Open, breaker.CircuitState);
        Assert.True(breaker.IsOpen);
        Assert.Equal(start + TimeSpan.FromSeconds(5), breaker.OpenUntil);
        Assert.Equal(TimeSpan.FromSeconds(5), breaker.RetryAfter);

        await Assert.ThrowsAnyAsync<BrokenCircuitException>(() => ResilienceHarness.SendAsync(harness.ContentApi, handler).AsTask());
        harness.Time.Advance(TimeSpan.FromSeconds(4.9));
        await Assert.ThrowsAnyAsync<BrokenCircuitException>(() => ResilienceHarness.SendAsync(harness.ContentApi, handler).AsTask());
        Assert.Equal(2, handler.Calls.Count);
        Assert.Equal(TimeSpan.FromSeconds(0.1), breaker.RetryAfter);

        harness.Time.Advance(TimeSpan.FromSeconds(0.1));
        using var probe = await ResilienceHarness.SendAsync(harness.ContentApi, handler);

        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        Assert.Equal(BreakerState.HalfOpen, stateDuringProbe);
        Assert.Equal(BreakerState.Closed, breaker.CircuitState);
        Assert.Null(breaker.OpenUntil);
        Assert.Equal(3, handler.Calls.Count);
        Assert.Equal([3103, 3105, 3106], harness.Logs.EventIds.Where(id => id is 3103 or 3105 or 3106));
    }

    [Fact]
    public async Task GetPipeline_ProbeFails_BreakerOpensAgain()
    {
        await using var harness = ResilienceHarness.Create(new Dictionary<string, string?>
        {
            ["Resilience:content-api:Retry:MaxAttempts"] = "0",
            ["Resilience:content-api:CircuitBreaker:MinimumThroughput"] = "2",
        });
        var handler = ScriptedHandler.Always(harness.Time, HttpStatusCode.ServiceUnavailable);
        (await ResilienceHarness.SendAsync(harness.ContentApi, handler)).Dispose();
        (await ResilienceHarness.SendAsync(harness.ContentApi, handler)).Dispose();
        harness.Time.Advance(TimeSpan.FromSeconds(5));

        (await ResilienceHarness.SendAsync(harness.ContentApi, handler)).Dispose();

        Assert.Equal(3, handler.Calls.Count);
        Assert.Equal(BreakerState.Open, harness.ContentBreaker.CircuitState);
        Assert.Equal(harness.Time.GetUtcNow() + TimeSpan.FromSeconds(5), harness.ContentBreaker.OpenUntil);
    }

    [Fact]
    public async Task GetPipeline_BreakerOpensDuringRetries_StopsRetryingWithBrokenCircuit()
    {
        await using var harness = ResilienceHarness.Create(new Dictionary<string, string?>
        {
            ["Resilience:content-api:CircuitBreaker:MinimumThroughput"] = "2",
        });
        var handler = ScriptedHandler.Always(harness.Time, HttpStatusCode.ServiceUnavailable);

        var sending = ResilienceHarness.SendAsync(harness.ContentApi, handler).AsTask();

        await Assert.ThrowsAnyAsync<BrokenCircuitException>(() => harness.DriveAsync(sending, Step));
        Assert.Equal(2, handler.Calls.Count);
    }

    [Fact]
    public async Task GetPipeline_BreakersArePerService_OneOpenLeavesOthersClosed()
    {
        await using var harness = ResilienceHarness.Create(new Dictionary<string, string?>
        {
            ["Resilience:Defaults:Retry:MaxAttempts"] = "0",
            ["Resilience:Defaults:CircuitBreaker:MinimumThroughput"] = "2",
        });
        var failing = ScriptedHandler.Always(harness.Time, HttpStatusCode.ServiceUnavailable);
        var healthy = ScriptedHandler.Always(harness.Time, HttpStatusCode.OK);
        (await ResilienceHarness.SendAsync(harness.ContentApi, failing)).Dispose();
        (await ResilienceHarness.SendAsync(harness.ContentApi, failing)).Dispose();

        using var response = await ResilienceHarness.SendAsync(harness.Pipelines.GetPipeline(ServiceNames.PlacementApi), healthy);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(harness.ContentBreaker.IsOpen);
        Assert.False(harness.Breakers.Get(ServiceNames.PlacementApi).IsOpen);
        Assert.False(harness.Breakers.Get(ServiceNames.RecommenderApi).IsOpen);
    }

    [Fact]
    public async Task ServiceBreaker_IsolateThenClose_RejectsWithoutCallingThenLetsThrough()
    {
        await using var harness = ResilienceHarness.Create();
        var handler = ScriptedHandler.Always(harness.Time, HttpStatusCode.OK);
        var breaker = harness.ContentBreaker;

        await breaker.IsolateAsync();

        await Assert.ThrowsAsync<IsolatedCircuitException>(() => ResilienceHarness.SendAsync(harness.ContentApi, handler).AsTask());
        Assert.Equal(BreakerState.Isolated, breaker.CircuitState);
        Assert.True(breaker.IsOpen);
        Assert.Null(breaker.OpenUntil);
        Assert.False(breaker.IsIsolatedBySharedState);
        Assert.Equal(0, handler.Calls.Count);

        await breaker.CloseAsync();
        using var response = await ResilienceHarness.SendAsync(harness.ContentApi, handler);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, handler.Calls.Count);
    }

    [Fact]
    public async Task GetPipeline_UnknownService_ThrowsKeyNotFound()
    {
        await using var harness = ResilienceHarness.Create();

        var error = Assert.Throws<KeyNotFoundException>(() => harness.Pipelines.GetPipeline("search-api"));

        Assert.Contains("search-api", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPipeline_KnownService_SameInstanceEveryTime()
    {
        await using var harness = ResilienceHarness.Create();

        Assert.Same(harness.Pipelines.GetPipeline(ServiceNames.RecommenderApi), harness.Pipelines.GetPipeline("Recommender-API"));
    }
}
