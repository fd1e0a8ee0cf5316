using System.Text;

namespace RecoFunctions.Core.Privacy;

/// <summary>Whether a pseudonym key is usable; the answer names the configuration key and never shows the value.</summary>
public static class PseudonymKeyCheck
{
    /// <summary>The problem with <paramref name="key"/>, or null when it can be used.</summary>
    public static string? Problem(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return $"{PrivacyOptions.PseudonymKeyName} is required while a flow carries user ids (contract interactions.v1): " +
                "set it to a secret of at least " + PrivacyOptions.MinKeyBytes + " bytes (in Azure, a Key Vault reference)";
        }

        return Encoding.UTF8.GetByteCount(key) < PrivacyOptions.MinKeyBytes
            ? $"{PrivacyOptions.PseudonymKeyName} is too short: it must be at least {PrivacyOptions.MinKeyBytes} bytes (UTF-8) long"
            : null;
    }
}
