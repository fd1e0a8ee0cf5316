using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.CircuitState;
using RecoFunctions.Core.Workflow;

namespace RecoFunctions.Core.Tests.Support;

/// <summary>Registers the resilience and workflow features over a configuration and runs the start-up validation.</summary>
internal static class OptionsHost
{
    public static ServiceProvider Build(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddRecoResilience(configuration);
        services.AddRecoWorkflow(configuration);
        return services.BuildServiceProvider();
    }

    public static ServiceProvider Build(IReadOnlyDictionary<string, string?> settings) =>
        Build(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    /// <summary>What a host does at start: validates every options class registered with ValidateOnStart.</summary>
    public static void ValidateOnStart(IServiceProvider services) => services.GetRequiredService<IStartupValidator>().Validate();

    public static OptionsValidationException StartupError(IReadOnlyDictionary<string, string?> settings)
    {
        using var services = Build(settings);
        return Assert.Throws<OptionsValidationException>(() => ValidateOnStart(services));
    }
}
