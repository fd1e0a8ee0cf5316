using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;

namespace RecoFunctions.Functions.Tables;

/// <summary>The app's table clients: a connection string wins (Azurite); otherwise the account's table endpoint with the app's managed identity.</summary>
internal static class TableClients
{
    /// <summary>
    /// <paramref name="section"/> is the configuration section the values come from and <paramref name="why"/> why a
    /// table is needed at all (e.g. "CircuitState:Store is AzureTable"); both are named in the error when neither the
    /// connection string nor the endpoint is set.
    /// </summary>
    public static TableClient Create(
        string section, string why, string? connectionString, string? tableServiceUri, string tableName, string? managedIdentityClientId)
    {
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new TableClient(connectionString, tableName);
        }

        if (string.IsNullOrWhiteSpace(tableServiceUri) || !Uri.TryCreate(tableServiceUri, UriKind.Absolute, out var endpoint))
        {
            throw new InvalidOperationException(
                $"{why}, so {section}:TableServiceUri (https://<account>.table.core.windows.net) or {section}:ConnectionString must be set.");
        }

        TokenCredential credential = string.IsNullOrWhiteSpace(managedIdentityClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(managedIdentityClientId));
        return new TableClient(endpoint, tableName, credential);
    }
}
