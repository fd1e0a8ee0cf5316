using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Processing;
using RecoFunctions.Core.Resilience;
using RecoFunctions.Sandbox;

namespace RecoFunctions.Testing;

/// <summary>
/// A sandbox on loopback and a service provider wired with <c>AddRecoServices</c> against it: the repository's
/// configuration (config/appsettings.json next to the test assembly, when present), the sandbox's URLs, then the test's
/// own settings. Resilience is pass-through unless the test brings a provider.
/// </summary>
public sealed class RecoServicesHarness : IAsyncDisposable
{
    private RecoServicesHarness(SandboxHost sandbox, ServiceProvider services, IConfiguration configuration)
    {
        Sandbox = sandbox;
        Services = services;
        Configuration = configuration;
    }

    public SandboxHost Sandbox { get; }

    public ServiceProvider Services { get; }

    public IConfiguration Configuration { get; }

    public IBatchProcessor Processor => Services.GetRequiredService<IBatchProcessor>();

    public static async Task<RecoServicesHarness> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<SandboxOptions>? sandbox = null,
        IServicePipelineProvider? pipelines = null,
        TimeProvider? sandboxTime = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var sandboxOptions = new SandboxOptions();
        sandbox?.Invoke(sandboxOptions);
        var host = await SandboxHost.StartAsync(sandboxOptions, sandboxTime ?? TimeProvider.System, CancellationToken.None).ConfigureAwait(false);
        try
        {
            var configuration = BuildConfiguration(host, settings);
            var services = CreateServices(configuration, pipelines ?? new PassThroughServicePipelineProvider());
            configureServices?.Invoke(services);
            var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
            return new RecoServicesHarness(host, provider, configuration);
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The registrations of a host: the bound Pipeline options, a pipeline provider and <c>AddRecoServices</c>.</summary>
    public static ServiceCollection CreateServices(IConfiguration configuration, IServicePipelineProvider pipelines)
    {
        var services = new ServiceCollection();
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.SectionName));
        services.AddSingleton(pipelines);
        services.AddRecoServices(configuration);
        return services;
    }

    public static IConfiguration BuildConfiguration(SandboxHost? host, IReadOnlyDictionary<string, string?>? settings)
    {
        var builder = new ConfigurationBuilder();
        var appsettings = Path.Combine(AppContext.BaseDirectory, "config", "appsettings.json");
        if (File.Exists(appsettings))
        {
            builder.AddJsonFile(appsettings, optional: false, reloadOnChange: false);
        }

        if (host is not null)
        {
            builder.AddInMemoryCollection(host.ServiceConfiguration());
        }

        return builder.AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync().ConfigureAwait(false);
        await Sandbox.DisposeAsync().ConfigureAwait(false);
    }
}
