using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.CircuitState;
using RecoFunctions.Core.Configuration;

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

    /// <summary>A connection string wins (Azurite); otherwise the table endpoint with the app's managed identity.</summary>
    internal static TableClient CreateTableClient(TableCircuitStateOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new TableClient(options.ConnectionString, options.TableName);
        }

        if (string.IsNullOrWhiteSpace(options.TableServiceUri) || !Uri.TryCreate(options.TableServiceUri, UriKind.Absolute, out var endpoint))
        {
            throw new InvalidOperationException(
                $"{CircuitStateOptions.SectionName}:Store is AzureTable, so {CircuitStateOptions.SectionName}:TableServiceUri " +
                $"(https://<account>.table.core.windows.net) or {CircuitStateOptions.SectionName}:ConnectionString must be set.");
        }

        TokenCredential credential = string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
        return new TableClient(endpoint, options.TableName, credential);
    }
}
