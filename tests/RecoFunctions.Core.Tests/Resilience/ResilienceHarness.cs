using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polly;
using RecoFunctions.Core.CircuitState;
using RecoFunctions.Core.Resilience;
using RecoFunctions.Core.Tests.Support;
using RecoFunctions.Testing;

namespace RecoFunctions.Core.Tests.Resilience;

/// <summary>
/// One process's worth of resilience: configuration, the registered services and a manual clock. Two harnesses over one
/// store and clock behave as two instances of the runtime.
/// </summary>
internal sealed class ResilienceHarness : IAsyncDisposable
{
    /// <summary>Fast, jitter-free settings for content-api; tests override single keys.</summary>
    public static readonly IReadOnlyDictionary<string, string?> BaseSettings = new Dictionary<string, string?>
    {
        ["Resilience:Defaults:TotalTimeout"] = "00:00:10",
        ["Resilience:Defaults:AttemptTimeout"] = "00:00:01",
        ["Resilience:Defaults:Retry:MaxAttempts"] = "3",
        ["Resilience:Defaults:Retry:BaseDelay"] = "00:00:00.200",
        ["Resilience:Defaults:Retry:MaxDelay"] = "00:00:05",
        ["Resilience:Defaults:Retry:UseJitter"] = "false",
        ["Resilience:Defaults:CircuitBreaker:FailureRatio"] = "0.5",
        ["Resilience:Defaults:CircuitBreaker:MinimumThroughput"] = "100",
        ["Resilience:Defaults:CircuitBreaker:SamplingDuration"] = "00:00:10",
        ["Resilience:Defaults:CircuitBreaker:BreakDuration"] = "00:00:05",
        ["CircuitState:RefreshInterval"] = "00:00:02",
    };

    private readonly ServiceProvider _services;

    private ResilienceHarness(ServiceProvider services, WatchedTimeProvider time, CapturingLoggerProvider logs)
    {
        _services = services;
        Time = time;
        Logs = logs;
    }

    public WatchedTimeProvider Time { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServicePipelineProvider Pipelines => _services.GetRequiredService<IServicePipelineProvider>();

    public IBreakerRegistry Breakers => _services.GetRequiredService<IBreakerRegistry>();

    public CircuitStateSynchronizer Synchronizer => _services.GetRequiredService<CircuitStateSynchronizer>();

    public ResiliencePipeline<HttpResponseMessage> ContentApi => Pipelines.GetPipeline(ServiceNames.ContentApi);

    public ServiceBreaker ContentBreaker => Breakers.Get(ServiceNames.ContentApi);

    public static ResilienceHarness Create(
        IReadOnlyDictionary<string, string?>? overrides = null,
        WatchedTimeProvider? time = null,
        ICircuitStateStore? store = null,
        string instanceId = "instance-a")
    {
        var settings = new Dictionary<string, string?>(BaseSettings) { ["CircuitState:InstanceId"] = instanceId };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        time ??= new WatchedTimeProvider();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        if (store is not null)
        {
            services.AddSingleton(store);
        }

        services.AddRecoResilience(configuration);
        var provider = services.BuildServiceProvider();

        // As a host does when it starts its hosted services: the synchroniser exists before the first call.
        provider.GetRequiredService<CircuitStateSynchronizer>();
        return new ResilienceHarness(provider, time, logs);
    }

    /// <summary>Sends one GET through <paramref name="pipeline"/> to <paramref name="handler"/>.</summary>
    public static ValueTask<HttpResponseMessage> SendAsync(ResiliencePipeline<HttpResponseMessage> pipeline, HttpMessageHandler handler) =>
        PipelineRequests.SendAsync(pipeline, handler);

    /// <summary>Runs <paramref name="operation"/>, advancing the clock by <paramref name="step"/> whenever a timer within a step is waiting.</summary>
    public async Task<T> DriveAsync<T>(Task<T> operation, TimeSpan step)
    {
        using var limit = new CancellationTokenSource(Eventually.Timeout);
        while (!operation.IsCompleted)
        {
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(limit.Token);
            var timer = Time.WaitForTimerAsync(left => left <= step, waiting.Token);
            if (await Task.WhenAny(operation, timer) == timer)
            {
                await timer;
                Time.Advance(step);
            }
            else
            {
                await waiting.CancelAsync();
                await timer.ContinueWith(static _ => { }, TaskScheduler.Default);
            }
        }

        return await operation;
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
