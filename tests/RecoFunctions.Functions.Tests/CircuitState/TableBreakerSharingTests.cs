using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.CircuitBreaker;
using RecoFunctions.Core.CircuitState;
using RecoFunctions.Core.Resilience;
using RecoFunctions.Functions.CircuitState;
using RecoFunctions.Testing;
using BreakerState = Polly.CircuitBreaker.CircuitState;

namespace RecoFunctions.Functions.Tests.CircuitState;

/// <summary>
/// Two app instances (each with the app's registrations: Table Storage breaker store, resilience, synchroniser) on one
/// Azurite table and one manual clock: when the first instance's breaker opens, the second rejects calls after its
/// next refresh without calling the service.
/// </summary>
[SkipUnless(typeof(AzuriteTables))]
public sealed class TableBreakerSharingTests
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);

    [ContractFact]
    public async Task Synchronizers_FirstInstanceOpensItsBreaker_SecondRejectsCallsAfterItsNextRefresh()
    {
        var time = TestClock.Create();
        var table = "BreakerSharing" + Guid.NewGuid().ToString("N")[..12];
        await using var first = AppInstance.Create("instance-a", table, time);
        await using var second = AppInstance.Create("instance-b", table, time);
        var failing = new CountingHandler(HttpStatusCode.ServiceUnavailable);
        var healthy = new CountingHandler(HttpStatusCode.OK);
        await first.Synchronizer.StartAsync(CancellationToken.None);
        await second.Synchronizer.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => first.Synchronizer.CompletedSyncs >= 1 && second.Synchronizer.CompletedSyncs >= 1, "both first syncs");

        using (var beforeTrip = await SendAsync(second, healthy))
        {
            Assert.Equal(HttpStatusCode.OK, beforeTrip.StatusCode);
        }

        (await SendAsync(first, failing)).Dispose();
        (await SendAsync(first, failing)).Dispose();
        Assert.Equal(BreakerState.Open, first.ContentBreaker.CircuitState);
        var store = new TableCircuitStateStore(new TableClient(AzuriteTables.ConnectionString, table));
        var stored = await ReadWhenWrittenAsync(store, ServiceNames.ContentApi);
        Assert.Equal("instance-a", stored.Record.OpenedBy);
        Assert.Equal(BreakerState.Closed, second.ContentBreaker.CircuitState);

        var syncs = second.Synchronizer.CompletedSyncs;
        time.Advance(RefreshInterval);
        await Eventually.TrueAsync(() => second.Synchronizer.CompletedSyncs > syncs, "the second instance's refresh");

        Assert.Equal(BreakerState.Isolated, second.ContentBreaker.CircuitState);
        Assert.Equal(stored.Record.OpenUntil, second.ContentBreaker.OpenUntil);
        await Assert.ThrowsAnyAsync<BrokenCircuitException>(() => SendAsync(second, healthy));
        Assert.Equal(1, healthy.Calls);
        await first.Synchronizer.StopAsync(CancellationToken.None);
        await second.Synchronizer.StopAsync(CancellationToken.None);
    }

    /// <summary>The record once the first instance's publish (which runs on its own) has reached the table; the limit only bounds a hang.</summary>
    private static async Task<StoredCircuitState> ReadWhenWrittenAsync(ICircuitStateStore store, string service)
    {
        using var limit = new CancellationTokenSource(Eventually.Timeout);
        while (true)
        {
            if (await store.ReadAsync(service, limit.Token) is { } stored)
            {
                return stored;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), limit.Token);
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(AppInstance instance, HttpMessageHandler handler) =>
        await PipelineRequests.SendAsync(instance.ContentApi, handler);

    /// <summary>One instance's breaker services, registered as the app registers them.</summary>
    private sealed class AppInstance(ServiceProvider services) : IAsyncDisposable
    {
        public CircuitStateSynchronizer Synchronizer => services.GetRequiredService<CircuitStateSynchronizer>();

        public ServiceBreaker ContentBreaker => services.GetRequiredService<IBreakerRegistry>().Get(ServiceNames.ContentApi);

        public ResiliencePipeline<HttpResponseMessage> ContentApi =>
            services.GetRequiredService<IServicePipelineProvider>().GetPipeline(ServiceNames.ContentApi);

        public static AppInstance Create(string instanceId, string table, TimeProvider time)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["CircuitState:Store"] = CircuitStateOptions.AzureTableStore,
                ["CircuitState:ConnectionString"] = AzuriteTables.ConnectionString,
                ["CircuitState:TableName"] = table,
                ["CircuitState:InstanceId"] = instanceId,
                ["CircuitState:RefreshInterval"] = "00:00:02",

                // No retries and a breaker that opens after two failures, so that the test decides when it trips.
                ["Resilience:Defaults:Retry:MaxAttempts"] = "0",
                ["Resilience:Defaults:CircuitBreaker:MinimumThroughput"] = "2",
                ["Resilience:Defaults:CircuitBreaker:BreakDuration"] = "00:00:30",
            }).Build();
            var services = new ServiceCollection();
            services.AddSingleton(time);
            services.AddLogging();
            services.AddTableCircuitStateStore(configuration);
            services.AddRecoResilience(configuration);
            return new AppInstance(services.BuildServiceProvider());
        }

        public ValueTask DisposeAsync() => services.DisposeAsync();
    }

    private sealed class CountingHandler(HttpStatusCode status) : HttpMessageHandler
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult(new HttpResponseMessage(status));
        }
    }
}
