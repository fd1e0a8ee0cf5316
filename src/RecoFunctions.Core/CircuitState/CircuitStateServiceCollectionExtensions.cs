using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Configuration;

namespace RecoFunctions.Core.CircuitState;

public static class CircuitStateServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <c>CircuitState</c> options (validated at start-up), the store named by <c>CircuitState:Store</c>
    /// (<c>InMemory</c> here; an Azure Table store is registered by its own package, before or after this call) and the
    /// <see cref="CircuitStateSynchronizer"/> as a hosted service. Called by <c>AddRecoResilience</c>.
    /// </summary>
    public static IServiceCollection AddRecoCircuitState(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(TimeProvider.System);
        var section = configuration.GetSection(CircuitStateOptions.SectionName);
        services.AddOptions<CircuitStateOptions>().Configure(options => section.Bind(options)).ValidateKeyedOnStart<CircuitStateOptions, CircuitStateOptionsValidator>(CircuitStateOptions.SectionName);

        services.TryAddSingleton<ICircuitStateStore>(provider =>
        {
            var store = provider.GetRequiredService<IOptions<CircuitStateOptions>>().Value.Store;
            return string.Equals(store, CircuitStateOptions.InMemoryStore, StringComparison.OrdinalIgnoreCase)
                ? new InMemoryCircuitStateStore()
                : throw new InvalidOperationException(
                    $"{CircuitStateOptions.SectionName}:Store is '{store}', but no store of that kind is registered in this host.");
        });
        services.TryAddSingleton<CircuitStateSynchronizer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CircuitStateSynchronizer>(
            provider => provider.GetRequiredService<CircuitStateSynchronizer>()));
        return services;
    }
}
