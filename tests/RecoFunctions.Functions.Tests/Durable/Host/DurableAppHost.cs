using System.Net;
using System.Net.Sockets;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Processing;
using RecoFunctions.Core.Workflow;
using RecoFunctions.Functions.DeadLetters;
using RecoFunctions.Functions.Hosting;
using RecoFunctions.Functions.Orchestration;
using RecoFunctions.Functions.Planning;
using RecoFunctions.Functions.Triggers;
using RecoFunctions.Sandbox;

namespace RecoFunctions.Functions.Tests.Durable.Host;

/// <summary>
/// The Functions app on the real Durable Task engine, in process: the app's registrations (<c>AddRecoFunctions</c>)
/// against sandbox services on loopback, the app's orchestrator and activity classes registered with
/// Microsoft.DurableTask.InProcessTestHost's in-memory backend (gRPC sidecar on loopback, the same worker the Functions
/// extension runs), and the app's content trigger to hand Kafka batches to. Only the dead-letter producer is replaced
/// (<see cref="RecordingDeadLetterProducer"/>). Durable timers of this backend run on the wall clock, so the workflow's
/// delays are configured in milliseconds here.
/// </summary>
public sealed class DurableAppHost : IAsyncDisposable
{
    /// <summary>
    /// Test timings: the workflow backs off from 50 ms and waits at most 1.5 s (so a Retry-After of 1 s is honoured
    /// exactly) for 3 attempts per run; the durable host retries a throwing activity after 100 ms. The services'
    /// own Polly retries are off, so that every transient failure reaches the workflow and its durable timers, and
    /// breakers open only after 1000 calls.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> FastSettings = new Dictionary<string, string?>
    {
        ["Workflow:MaxAttemptsPerRun"] = "3",
        ["Workflow:FirstDelay"] = "00:00:00.050",
        ["Workflow:BackoffFactor"] = "2",
        ["Workflow:MaxDelay"] = "00:00:01.500",
        ["Workflow:MaxMessageAge"] = "01:00:00",
        ["Orchestration:ActivityMaxAttempts"] = "3",
        ["Orchestration:ActivityFirstRetryInterval"] = "00:00:00.100",
        ["Orchestration:ActivityMaxRetryInterval"] = "00:00:00.500",
        ["Resilience:Defaults:Retry:MaxAttempts"] = "0",

        // Scenarios share one host; an outage in one must not leave a breaker open for the next.
        ["Resilience:Defaults:CircuitBreaker:MinimumThroughput"] = "1000",
        ["CircuitState:Store"] = "InMemory",
        ["KafkaBrokerList"] = "127.0.0.1:9",
    };

    private readonly IHost _host;

    private DurableAppHost(IHost host, SandboxHost sandbox, DurableActionLog actions)
    {
        _host = host;
        Sandbox = sandbox;
        Actions = actions;
    }

    public SandboxHost Sandbox { get; }

    public DurableActionLog Actions { get; }

    public IServiceProvider Services => _host.Services;

    public DurableTaskClient Client => Services.GetRequiredService<DurableTaskClient>();

    public RecordingDeadLetterProducer DeadLetters => Services.GetRequiredService<RecordingDeadLetterProducer>();

    public FaultInjectingBatchProcessor Faults => Services.GetRequiredService<FaultInjectingBatchProcessor>();

    public static async Task<DurableAppHost> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        var sandbox = await SandboxHost.StartAsync(new SandboxOptions(), TimeProvider.System, cancellationToken).ConfigureAwait(false);
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "config", "appsettings.json"), optional: false)
                .AddInMemoryCollection(sandbox.ServiceConfiguration())
                .AddInMemoryCollection(FastSettings)
                .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
                .Build();
            var actions = new DurableActionLog(loggerFactory);
            var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Configuration.AddConfiguration(configuration);
            var holder = ConfigureServices(builder.Services, configuration, actions, loggerFactory);
            var host = builder.Build();
            holder.Provider = host.Services;
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            return new DurableAppHost(host, sandbox, actions);
        }
        catch
        {
            await sandbox.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Hands <paramref name="records"/> to the content trigger function; returns its dead-letter output.</summary>
    public async Task<string[]> RunContentTriggerAsync(KafkaRecord[] records, CancellationToken cancellationToken)
    {
        var trigger = Services.GetRequiredService<ContentTrigger>();
        var output = await trigger.RunAsync(records, Client, new ActivityFunctionContext(Services, cancellationToken)).ConfigureAwait(false);
        return output.DeadLetters;
    }

    /// <summary>Waits until the orchestration (across continue-as-new) has completed; the token only bounds a hang.</summary>
    public async Task<WorkflowResult> WaitForResultAsync(string instanceId, CancellationToken cancellationToken)
    {
        var metadata = await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"{instanceId} ended {metadata.RuntimeStatus}: {metadata.FailureDetails}");
        }

        return metadata.ReadOutputAs<WorkflowResult>() ?? throw new InvalidOperationException($"{instanceId} returned no result.");
    }

    /// <summary>
    /// Completes once an orchestrator episode of <paramref name="instanceId"/> leaves <paramref name="condition"/> true
    /// (checked after every episode the engine records); the token only bounds a hang.
    /// </summary>
    public async Task WaitForEpisodeAsync(string instanceId, Func<InstanceActions, bool> condition, CancellationToken cancellationToken)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnEpisode(InstanceActions actions)
        {
            if (actions.InstanceId == instanceId && condition(actions))
            {
                reached.TrySetResult();
            }
        }

        Actions.EpisodeRecorded += OnEpisode;
        try
        {
            OnEpisode(Actions.For(instanceId));
            await reached.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Actions.EpisodeRecorded -= OnEpisode;
        }
    }

    /// <summary>Back to a healthy sandbox with nothing recorded, between scenarios on one host.</summary>
    public void Reset()
    {
        Sandbox.Knobs.Reset();
        Sandbox.Recorder.Reset();
        DeadLetters.Clear();
        Actions.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync().ConfigureAwait(false);
        _host.Dispose();
        await Sandbox.DisposeAsync().ConfigureAwait(false);
    }

    private static ProviderHolder ConfigureServices(IServiceCollection services, IConfiguration configuration, DurableActionLog actions, ILoggerFactory? loggerFactory)
    {
        if (loggerFactory is not null)
        {
            services.AddSingleton(loggerFactory);
        }

        services.AddLogging();

        // Replacements go first: the app registers its own with TryAdd.
        services.AddSingleton<RecordingDeadLetterProducer>();
        services.AddSingleton<IDeadLetterProducer>(provider => provider.GetRequiredService<RecordingDeadLetterProducer>());
        services.AddSingleton(provider => new FaultInjectingBatchProcessor(provider.GetRequiredService<BatchProcessor>()));
        services.AddSingleton<IBatchProcessor>(provider => provider.GetRequiredService<FaultInjectingBatchProcessor>());
        services.AddRecoFunctions(configuration);

        services.AddSingleton<ContentTrigger>();
        services.AddSingleton<ProcessBatchActivity>();
        services.AddSingleton<PublishDeadLettersActivity>();

        var holder = new ProviderHolder();
        services.AddInMemoryDurableTask(registry => RegisterApp(registry, holder), new InMemoryDurableTaskOptions { Port = FreePort() });

        // The engine is this instance, so that the test reads what it did.
        services.AddSingleton<InMemoryOrchestrationService>(actions);
        return holder;
    }

    /// <summary>The app's orchestrator and activities under the names the Functions host gives them.</summary>
    private static void RegisterApp(DurableTaskRegistry registry, ProviderHolder holder)
    {
        // Typed input, as the Functions host binds it: the orchestrator reads it with GetInput<BatchOrchestrationInput>().
        registry.AddOrchestratorFunc<BatchOrchestrationInput, WorkflowResult>(
            WorkflowActivityNames.BatchOrchestrator, (context, _) => BatchOrchestrator.RunAsync(context));
        registry.AddActivityFunc<BatchStepRequest, BatchStepResult>(
            WorkflowActivityNames.ProcessBatch,
            (_, request) => holder.Get<ProcessBatchActivity>().RunAsync(request, new ActivityFunctionContext(holder.Provider, CancellationToken.None)));
        registry.AddActivityFunc<DeadLetterBatch, int>(
            WorkflowActivityNames.PublishDeadLetters,
            (_, batch) => holder.Get<PublishDeadLettersActivity>().RunAsync(batch, new ActivityFunctionContext(holder.Provider, CancellationToken.None)));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The built container, for activity functions that the registry creates before it exists.</summary>
    private sealed class ProviderHolder
    {
        public IServiceProvider Provider { get; set; } = null!;

        public T Get<T>()
            where T : notnull => Provider.GetRequiredService<T>();
    }
}
