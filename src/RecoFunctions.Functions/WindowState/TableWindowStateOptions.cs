using System.ComponentModel.DataAnnotations;

namespace RecoFunctions.Functions.WindowState;

/// <summary>
/// Where the interactions flow's window state lives, from the <c>WindowState</c> section: <c>TableServiceUri</c> (the
/// account's table endpoint, managed identity) or <c>ConnectionString</c> (Azurite locally), and <c>TableName</c>.
/// </summary>
public sealed class TableWindowStateOptions
{
    public const string SectionName = "WindowState";

    public string? TableServiceUri { get; set; }

    public string? ConnectionString { get; set; }

    [Required(AllowEmptyStrings = false, ErrorMessage = "{0} must not be empty.")]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "{0} must be a table name: a letter, then 2 to 62 letters or digits.")]
    public string TableName { get; set; } = "WindowState";

    /// <summary>Client id of the user-assigned identity; defaults to the <c>AZURE_CLIENT_ID</c> app setting.</summary>
    public string? ManagedIdentityClientId { get; set; }
}
