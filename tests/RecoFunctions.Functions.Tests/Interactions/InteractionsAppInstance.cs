using Azure.Data.Tables;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Windowing;
using RecoFunctions.Functions.DeadLetters;
using RecoFunctions.Functions.Hosting;
using RecoFunctions.Functions.Tests.CircuitState;
using RecoFunctions.Functions.Tests.Durable.Host;
using RecoFunctions.Functions.Tests.WindowState;
using RecoFunctions.Functions.Triggers;
using RecoFunctions.Functions.WindowState;
using RecoFunctions.Sandbox;

namespace RecoFunctions.Functions.Tests.Interactions;

/// <summary>
/// One process of the Functions app as far as the interactions flow goes: the app's registrations (<c>AddRecoFunctions</c>,
/// started so that every start-up check runs) with the flow enabled, its window state in an Azurite table and its
/// features delivered to a sandbox on loopback. Disposing it is a crash: what it held in memory is gone, the table and
/// the recommender keep what they got. Replaced: the dead-letter producer (a recording one) and the window-state table
/// client (the real one, wrapped so that a checkpoint write can fail).
/// </summary>
internal sealed class InteractionsAppInstance : IAsyncDisposable
{
    /// <summary>A test key, 32 bytes or more as the pseudonymiser requires; not a secret.</summary>
    public const string PseudonymKey = "functions-tests-pseudonym-key-0123456789";

    private readonly IHost _host;

    private InteractionsAppInstance(IHost host) => _host = host;

    public RecordingDeadLetterProducer DeadLetters => _host.Services.GetRequiredService<RecordingDeadLetterProducer>();

    /// <summary>The window-state table as the app's store uses it; its checkpoint writes can be made to fail (a crash between a save's user rows and its checkpoint).</summary>
    public CheckpointFailingTableClient Table => _host.Services.GetRequiredService<CheckpointFailingTableClient>();

    public IServiceProvider Services => _host.Services;

    /// <summary>Every log line the instance wrote, at every level, with its exception's message.</summary>
    public IReadOnlyList<string> LogLines => [.. _host.Services.GetFakeLogCollector().GetSnapshot().Select(record => $"{record.Message} {record.Exception?.Message}")];

    /// <summary>Windows short enough for a stream of 80 minutes: 5-minute tumbling, 15-minute sliding (5-minute hop), 1-hour tumbling.</summary>
    public static IReadOnlyDictionary<string, string?> Settings(SandboxHost sandbox, string table) => new Dictionary<string, string?>(DurableAppHost.FastSettings)
    {
        ["Pipeline:Flows:interactions:Enabled"] = "true",
        ["Privacy:PseudonymKey"] = PseudonymKey,
        ["WindowState:ConnectionString"] = AzuriteTables.ConnectionString,
        ["WindowState:TableName"] = table,
        ["Windowing:AllowedLateness"] = "00:01:00",
        ["Windowing:Windows:0:Name"] = "5m",
        ["Windowing:Windows:0:Size"] = "00:05:00",
        ["Windowing:Windows:1:Name"] = "15m",
        ["Windowing:Windows:1:Size"] = "00:15:00",
        ["Windowing:Windows:1:Hop"] = "00:05:00",
        ["Windowing:Windows:2:Name"] = "1h",
        ["Windowing:Windows:2:Size"] = "01:00:00",
    }.Concat(sandbox.ServiceConfiguration()).ToDictionary();

    public static async Task<InteractionsAppInstance> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "config", "appsettings.json"), optional: false)
            .AddInMemoryCollection(settings)
            .Build();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddConfiguration(configuration);

        // Replacements go first: the app registers its own with TryAdd.
        builder.Services.AddSingleton<RecordingDeadLetterProducer>();
        builder.Services.AddSingleton<IDeadLetterProducer>(provider => provider.GetRequiredService<RecordingDeadLetterProducer>());
        builder.Services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<TableWindowStateOptions>>().Value;
            return new CheckpointFailingTableClient(new TableClient(options.ConnectionString, options.TableName));
        });
        builder.Services.AddSingleton<IWindowStateStore>(provider => new TableWindowStateStore(provider.GetRequiredService<CheckpointFailingTableClient>()));
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace));
        builder.Services.AddFakeLogging();
        builder.Services.AddRecoFunctions(configuration);
        builder.Services.AddSingleton<InteractionsTrigger>();

        var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        return new InteractionsAppInstance(host);
    }

    /// <summary>Hands a batch to the interactions trigger function; returns its dead-letter output (JSON envelopes).</summary>
    public async Task<string[]> RunTriggerAsync(KafkaRecord[] records, CancellationToken cancellationToken)
    {
        var trigger = _host.Services.GetRequiredService<InteractionsTrigger>();
        var output = await trigger.RunAsync(records, new ActivityFunctionContext(_host.Services, cancellationToken)).ConfigureAwait(false);
        return output.DeadLetters;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync().ConfigureAwait(false);
        _host.Dispose();
    }
}
