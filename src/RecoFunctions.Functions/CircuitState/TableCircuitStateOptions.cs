using System.ComponentModel.DataAnnotations;

namespace RecoFunctions.Functions.CircuitState;

/// <summary>
/// Where the Azure Table breaker store lives, from the <c>CircuitState</c> section: <c>TableServiceUri</c> (the
/// account's table endpoint, managed identity) or <c>ConnectionString</c> (Azurite locally: <c>UseDevelopmentStorage=true</c>),
/// and <c>TableName</c>.
/// </summary>
public sealed class TableCircuitStateOptions
{
    public string? TableServiceUri { get; set; }

    public string? ConnectionString { get; set; }

    [Required(AllowEmptyStrings = false, ErrorMessage = "{0} must not be empty.")]
    public string TableName { get; set; } = "CircuitState";

    /// <summary>Client id of the user-assigned identity; defaults to the <c>AZURE_CLIENT_ID</c> app setting.</summary>
    public string? ManagedIdentityClientId { get; set; }
}
