using Microsoft.Extensions.Options;
using RecoFunctions.Core.Privacy;

namespace RecoFunctions.Functions.Interactions;

/// <summary>
/// Refuses a pseudonym key that is still the text of a Key Vault reference. The platform leaves the reference in the app
/// setting when it cannot resolve it (secret missing, no access), and that text is long enough to pass as a key: every
/// user would then be pseudonymised with a value anyone reading the app settings knows. Never shows the value.
/// </summary>
internal sealed class UnresolvedKeyVaultReferenceValidator : IValidateOptions<PrivacyOptions>
{
    private const string ReferencePrefix = "@Microsoft.KeyVault(";

    public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return name == Options.DefaultName && options.PseudonymKey?.TrimStart().StartsWith(ReferencePrefix, StringComparison.OrdinalIgnoreCase) == true
            ? ValidateOptionsResult.Fail(
                $"{PrivacyOptions.PseudonymKeyName} is a Key Vault reference that did not resolve: set the secret it names " +
                "(azd env set PSEUDONYM_KEY, or az keyvault secret set) and check that the app's identity may read it")
            : ValidateOptionsResult.Success;
    }
}
