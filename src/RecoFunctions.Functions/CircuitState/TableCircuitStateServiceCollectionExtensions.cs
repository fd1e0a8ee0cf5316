using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.CircuitState;
using RecoFunctions.Core.Configuration;
using RecoFunctions.Functions.Tables;

namespace RecoFunctions.Functions.CircuitState;

public static class TableCircuitStateServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="ICircuitStateStore"/> that <c>CircuitState:Store</c> names: <c>AzureTable</c> gives a
    /// <see cref="TableCircuitStateStore"/>, <c>InMemory</c> the single-process store. Call before
    /// <c>AddRecoResilience</c>, whose default registration then stands back.
    /// </summary>
    public static IServiceCollection AddTableCircuitStateStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var section = configuration.GetSection(CircuitStateOptions.SectionName);
        services.AddOptions<TableCircuitStateOptions>()
            .Configure(options =>
            {
                section.Bind(options);
                options.ManagedIdentityClientId ??= configuration["AZURE_CLIENT_ID"];
            })
            .ValidateKeyedOnStart<TableCircuitStateOptions, TableCircuitStateOptionsValidator>(CircuitStateOptions.SectionName);
        services.AddSingleton<ICircuitStateStore>(provider =>
        {
            var store = provider.GetRequiredService<IOptions<CircuitStateOptions>>().Value.Store;
            if (string.Equals(store, CircuitStateOptions.AzureTableStore, StringComparison.OrdinalIgnoreCase))
            {
                return new TableCircuitStateStore(CreateTableClient(provider.GetRequiredService<IOptions<TableCircuitStateOptions>>().Value));
            }

            return string.Equals(store, CircuitStateOptions.InMemoryStore, StringComparison.OrdinalIgnoreCase)
                ? new InMemoryCircuitStateStore()
                : throw new InvalidOperationException($"{CircuitStateOptions.SectionName}:Store is '{store}'; expected InMemory or AzureTable.");
        });
        return services;
    }

    internal static TableClient CreateTableClient(TableCircuitStateOptions options) => TableClients.Create(
        CircuitStateOptions.SectionName,
        $"{CircuitStateOptions.SectionName}:Store is AzureTable",
        options.ConnectionString,
        options.TableServiceUri,
        options.TableName,
        options.ManagedIdentityClientId);
}
