using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace RecoFunctions.Core.Privacy;

/// <summary>
/// Turns a user id into its pseudonym: the first 128 bits of HMAC-SHA256 under the configured key, as 32 lower-case hex
/// digits. The same id always gives the same pseudonym (windows and features stay per user), and without the key a
/// pseudonym cannot be traced back or recomputed from a guessed id. Thread-safe.
/// </summary>
public sealed class UserPseudonymiser
{
    /// <summary>Length of every pseudonym.</summary>
    public const int PseudonymLength = 32;

    private const int PseudonymBytes = PseudonymLength / 2;
    private const int StackLimit = 256;

    private readonly byte[] _key;

    /// <exception cref="OptionsValidationException">The key is missing or too short; the message names <c>Privacy:PseudonymKey</c>.</exception>
    public UserPseudonymiser(PrivacyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (PseudonymKeyCheck.Problem(options.PseudonymKey) is { } problem)
        {
            throw new OptionsValidationException(PrivacyOptions.SectionName, typeof(PrivacyOptions), [problem]);
        }

        _key = Encoding.UTF8.GetBytes(options.PseudonymKey!);
    }

    public string Pseudonymise(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var length = Encoding.UTF8.GetMaxByteCount(userId.Length);
        Span<byte> utf8 = length > StackLimit ? new byte[length] : stackalloc byte[StackLimit];
        var written = Encoding.UTF8.GetBytes(userId, utf8);
        return Pseudonymise(utf8[..written]);
    }

    /// <summary>The pseudonym of a UTF-8 encoded id (a Kafka key as it came off the wire).</summary>
    public string Pseudonymise(ReadOnlySpan<byte> userIdUtf8)
    {
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, userIdUtf8, hash);
        return Convert.ToHexStringLower(hash[..PseudonymBytes]);
    }

    /// <summary>Never the key.</summary>
    public override string ToString() => nameof(UserPseudonymiser);
}
