namespace RecoFunctions.Core.Privacy;

/// <summary>
/// The <c>Privacy</c> configuration section. <see cref="PseudonymKey"/> is a secret: in Azure a Key Vault reference,
/// locally a development key in appsettings.Local.json. It is never logged and never part of an error message.
/// </summary>
public sealed class PrivacyOptions
{
    public const string SectionName = "Privacy";

    /// <summary>The configuration key of <see cref="PseudonymKey"/>, as error messages name it.</summary>
    public const string PseudonymKeyName = SectionName + ":" + nameof(PseudonymKey);

    /// <summary>Shortest key accepted, in UTF-8 bytes: as long as the hash, so that the key is not the weak part.</summary>
    public const int MinKeyBytes = 32;

    /// <summary>The HMAC-SHA256 key that turns user ids into pseudonyms; required while a flow carries user ids.</summary>
    public string? PseudonymKey { get; set; }
}
