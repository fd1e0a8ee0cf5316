using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;
using RecoFunctions.Core.CircuitState;
using RecoFunctions.Core.Resilience;
using RecoFunctions.Core.Tests.Resilience;
using RecoFunctions.Testing;
using BreakerState = Polly.CircuitBreaker.CircuitState;

namespace RecoFunctions.Core.Tests.CircuitState;

public sealed class CircuitStateSynchronizerTests
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(5);

    /// <summary>No retries and a breaker that opens after two failures, so each test controls exactly when it trips.</summary>
    private static readonly Dictionary<string, string?> TripAfterTwo = new()
    {
        ["Resilience:Defaults:Retry:MaxAttempts"] = "0",
        ["Resilience:Defaults:CircuitBreaker:MinimumThroughput"] = "2",
    };

    [Fact]
    public async Task Sync_BreakerOpensOnInstanceA_InstanceBRejectsAfterItsNextTickWithoutCallingTheService()
    {
        var time = new WatchedTimeProvider();
        var shared = new InMemoryCircuitStateStore();
        var storeB = new RecordingCircuitStateStore(shared);
        await using var a = ResilienceHarness.Create(TripAfterTwo, time, new RecordingCircuitStateStore(shared), "instance-a");
        await using var b = ResilienceHarness.Create(TripAfterTwo, time, storeB, "instance-b");
        var start = time.GetUtcNow();
        var failingForA = ScriptedHandler.Always(time, HttpStatusCode.ServiceUnavailable);
        var healthyForB = ScriptedHandler.Always(time, HttpStatusCode.OK);
        await b.Synchronizer.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => b.Synchronizer.CompletedSyncs >= 1, "B's first sync has run");
        await time.WaitForTimerAsync(RefreshInterval, Eventually.Timeout);

        await TripAsync(a, failingForA);
        await a.Synchronizer.SyncAsync(CancellationToken.None);

        var stored = await shared.ReadAsync(ServiceNames.ContentApi, CancellationToken.None);
        Assert.Equal(CircuitStateRecord.Open(ServiceNames.ContentApi, start + BreakDuration, "instance-a"), stored!.Record);
        Assert.Equal(BreakerState.Closed, b.ContentBreaker.CircuitState);

        var readsBeforeTick = storeB.Reads;
        time.Advance(RefreshInterval);
        await Eventually.TrueAsync(() => b.Synchronizer.CompletedSyncs >= 2, "B's sync has run after the tick");

        Assert.Equal(BreakerState.Isolated, b.ContentBreaker.CircuitState);
        Assert.True(b.ContentBreaker.IsIsolatedBySharedState);
        Assert.Equal(start + BreakDuration, b.ContentBreaker.OpenUntil);
        Assert.Equal(TimeSpan.FromSeconds(3), b.ContentBreaker.RetryAfter);
        for (var request = 0; request < 50; request++)
        {
            await Assert.ThrowsAnyAsync<BrokenCircuitException>(() => ResilienceHarness.SendAsync(b.ContentApi, healthyForB).AsTask());
        }

        Assert.Equal(0, healthyForB.Calls.Count);
        Assert.Equal(ServiceNames.All.Count, storeB.Reads - readsBeforeTick);
        Assert.False(b.Breakers.Get(ServiceNames.PlacementApi).IsOpen);

        time.Advance(RefreshInterval);
        await Eventually.TrueAsync(() => b.Synchronizer.CompletedSyncs >= 3, "B's sync has run before A's open-until");
        Assert.Equal(BreakerState.Isolated, b.ContentBreaker.CircuitState);

        time.Advance(RefreshInterval);
        await Eventually.TrueAsync(() => b.Synchronizer.CompletedSyncs >= 4, "B's sync has run after A's open-until");
        using var response = await ResilienceHarness.SendAsync(b.ContentApi, healthyForB);

        Assert.Equal(BreakerState.Closed, b.ContentBreaker.CircuitState);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, healthyForB.Calls.Count);
        Assert.Equal(4 * ServiceNames.All.Count, storeB.Reads);
        await b.Synchronizer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task OpenedLocally_PublishesWithoutWaitingForTheNextTick()
    {
        var time = new WatchedTimeProvider();
        var store = new InMemoryCircuitStateStore();
        await using var a = ResilienceHarness.Create(TripAfterTwo, time, store, "instance-a");
        _ = a.Synchronizer;

        await TripAsync(a, ScriptedHandler.Always(time, HttpStatusCode.InternalServerError));

        await Eventually.TrueAsync(
            () => store.ReadAsync(ServiceNames.ContentApi, CancellationToken.None).Result is not null,
            "the open breaker is in the store");
        Assert.Equal(0, a.Synchronizer.CompletedSyncs);
    }

    [Fact]
    public async Task Sync_StoreHoldsLaterOpenUntil_KeepsTheLaterAndLeavesLocalTripAlone()
    {
        var time = new WatchedTimeProvider();
        var store = new InMemoryCircuitStateStore();
        var later = time.GetUtcNow() + TimeSpan.FromMinutes(1);
        await store.WriteAsync(CircuitStateRecord.Open(ServiceNames.ContentApi, later, "instance-z"), null, CancellationToken.None);
        await using var a = ResilienceHarness.Create(TripAfterTwo, time, store, "instance-a");

        await TripAsync(a, ScriptedHandler.Always(time, HttpStatusCode.ServiceUnavailable));
        await a.Synchronizer.SyncAsync(CancellationToken.None);

        var stored = await store.ReadAsync(ServiceNames.ContentApi, CancellationToken.None);
        Assert.Equal(CircuitStateRecord.Open(ServiceNames.ContentApi, later, "instance-z"), stored!.Record);
        Assert.Equal(BreakerState.Open, a.ContentBreaker.CircuitState);
        Assert.False(a.ContentBreaker.IsIsolatedBySharedState);
    }

    [Fact]
    public async Task Sync_WriteLosesARace_ReReadsAndPublishesOverTheEarlierValue()
    {
        var time = new WatchedTimeProvider();
        var shared = new InMemoryCircuitStateStore();
        var storeA = new RecordingCircuitStateStore(shared);
        var earlier = time.GetUtcNow() + TimeSpan.FromSeconds(1);
        storeA.BeforeNextWrite = () => shared.WriteAsync(CircuitStateRecord.Open(ServiceNames.ContentApi, earlier, "instance-z"), null, CancellationToken.None);
        await using var a = ResilienceHarness.Create(TripAfterTwo, time, storeA, "instance-a");

        await TripAsync(a, ScriptedHandler.Always(time, HttpStatusCode.ServiceUnavailable));
        await a.Synchronizer.SyncAsync(CancellationToken.None);

        var stored = await shared.ReadAsync(ServiceNames.ContentApi, CancellationToken.None);
        Assert.Equal(CircuitStateRecord.Open(ServiceNames.ContentApi, time.GetUtcNow() + BreakDuration, "instance-a"), stored!.Record);
        Assert.Equal(2, storeA.Writes);
    }

    [Fact]
    public async Task Sync_StoreWriteFailed_PublishedOnTheNextSync()
    {
        var time = new WatchedTimeProvider();
        var shared = new InMemoryCircuitStateStore();
        var storeA = new RecordingCircuitStateStore(shared) { FailingWrites = 1 };
        await using var a = ResilienceHarness.Create(TripAfterTwo, time, storeA, "instance-a");
        _ = a.Synchronizer;

        await TripAsync(a, ScriptedHandler.Always(time, HttpStatusCode.ServiceUnavailable));
        await Eventually.TrueAsync(() => storeA.Writes >= 1, "the first publish was attempted");
        await a.Synchronizer.SyncAsync(CancellationToken.None);

        Assert.NotNull(await shared.ReadAsync(ServiceNames.ContentApi, CancellationToken.None));
        Assert.Contains(a.Logs.EventIds, id => id == 3208);
    }

    [Fact]
    public async Task Sync_LocallyTrippedBreaker_NotClosedWhenStoreSaysClosed()
    {
        var time = new WatchedTimeProvider();
        var store = new InMemoryCircuitStateStore();
        await using var a = ResilienceHarness.Create(TripAfterTwo, time, store, "instance-a");
        await TripAsync(a, ScriptedHandler.Always(time, HttpStatusCode.ServiceUnavailable));
        await a.Synchronizer.SyncAsync(CancellationToken.None);
        var stored = await store.ReadAsync(ServiceNames.ContentApi, CancellationToken.None);
        await store.WriteAsync(new CircuitStateRecord(ServiceNames.ContentApi, SharedCircuitStatus.Closed, null, "operator"), stored!.ETag, CancellationToken.None);

        await a.Synchronizer.SyncAsync(CancellationToken.None);

        Assert.Equal(BreakerState.Open, a.ContentBreaker.CircuitState);
    }

    [Fact]
    public async Task Sync_OperatorIsolatedBreaker_NotClosedBySharedState()
    {
        var time = new WatchedTimeProvider();
        await using var a = ResilienceHarness.Create(TripAfterTwo, time, new InMemoryCircuitStateStore(), "instance-a");
        await a.ContentBreaker.IsolateAsync();

        await a.Synchronizer.SyncAsync(CancellationToken.None);

        Assert.Equal(BreakerState.Isolated, a.ContentBreaker.CircuitState);
        Assert.False(a.ContentBreaker.IsIsolatedBySharedState);
    }

    [Fact]
    public async Task Sync_SharedOpenUntilMovesLater_IsolationFollowsAndEndsAtTheNewTime()
    {
        var time = new WatchedTimeProvider();
        var store = new InMemoryCircuitStateStore();
        var start = time.GetUtcNow();
        var first = await store.WriteAsync(CircuitStateRecord.Open(ServiceNames.PlacementApi, start.AddSeconds(3), "instance-z"), null, CancellationToken.None);
        await using var b = ResilienceHarness.Create(TripAfterTwo, time, store, "instance-b");
        var breaker = b.Breakers.Get(ServiceNames.PlacementApi);
        await b.Synchronizer.SyncAsync(CancellationToken.None);
        Assert.Equal(start.AddSeconds(3), breaker.OpenUntil);

        await store.WriteAsync(CircuitStateRecord.Open(ServiceNames.PlacementApi, start.AddSeconds(8), "instance-y"), first.ETag, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(4));
        await b.Synchronizer.SyncAsync(CancellationToken.None);

        Assert.Equal(BreakerState.Isolated, breaker.CircuitState);
        Assert.Equal(start.AddSeconds(8), breaker.OpenUntil);

        time.Advance(TimeSpan.FromSeconds(4));
        await b.Synchronizer.SyncAsync(CancellationToken.None);

        Assert.Equal(BreakerState.Closed, breaker.CircuitState);
        Assert.Contains(b.Logs.EventIds, id => id == 3206);
    }

    [Fact]
    public async Task Sync_StoreReadFails_KeepsLocalStateAndCarriesOn()
    {
        var time = new WatchedTimeProvider();
        await using var a = ResilienceHarness.Create(TripAfterTwo, time, new UnreadableStore(), "instance-a");

        await a.Synchronizer.SyncAsync(CancellationToken.None);

        Assert.Equal(1, a.Synchronizer.CompletedSyncs);
        Assert.All(a.Breakers.Breakers, breaker => Assert.Equal(BreakerState.Closed, breaker.CircuitState));
        Assert.Equal(ServiceNames.All.Count, a.Logs.EventIds.Count(id => id == 3207));
    }

    [Fact]
    public async Task Sync_SynchronizerCreatedAfterTheTrip_StillPublishesIt()
    {
        var time = new WatchedTimeProvider();
        var store = new InMemoryCircuitStateStore();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<ICircuitStateStore>(store);
        services.AddRecoResilience(new ConfigurationBuilder().AddInMemoryCollection(TripAfterTwo).Build());
        await using var provider = services.BuildServiceProvider();
        var pipeline = provider.GetRequiredService<IServicePipelineProvider>().GetPipeline(ServiceNames.ContentApi);
        var failing = ScriptedHandler.Always(time, HttpStatusCode.ServiceUnavailable);
        (await ResilienceHarness.SendAsync(pipeline, failing)).Dispose();
        (await ResilienceHarness.SendAsync(pipeline, failing)).Dispose();

        await provider.GetRequiredService<CircuitStateSynchronizer>().SyncAsync(CancellationToken.None);

        var stored = await store.ReadAsync(ServiceNames.ContentApi, CancellationToken.None);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(15), stored!.Record.OpenUntil);
    }

    [Fact]
    public async Task DisposeAsync_StartedHostedServiceOfAProvider_ProviderDisposesWithoutError()
    {
        var services = new ServiceCollection();
        services.AddRecoResilience(new ConfigurationBuilder().Build());
        var provider = services.BuildServiceProvider();
        foreach (var hosted in provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
            await hosted.StopAsync(CancellationToken.None);
        }

        // Registered as itself and as a hosted service, the one instance is disposed twice.
        await provider.DisposeAsync();
    }

    private static async Task TripAsync(ResilienceHarness harness, ScriptedHandler failing)
    {
        (await ResilienceHarness.SendAsync(harness.ContentApi, failing)).Dispose();
        (await ResilienceHarness.SendAsync(harness.ContentApi, failing)).Dispose();
        Assert.Equal(BreakerState.Open, harness.ContentBreaker.CircuitState);
    }

    private sealed class UnreadableStore : ICircuitStateStore
    {
        public Task<StoredCircuitState?> ReadAsync(string serviceName, CancellationToken cancellationToken) =>
            Task.FromException<StoredCircuitState?>(new HttpRequestException("store unavailable"));

        public Task<CircuitStateWriteResult> WriteAsync(CircuitStateRecord record, string? ifMatch, CancellationToken cancellationToken) =>
            Task.FromException<CircuitStateWriteResult>(new HttpRequestException("store unavailable"));
    }
}
