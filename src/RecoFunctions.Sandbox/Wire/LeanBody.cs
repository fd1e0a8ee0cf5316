using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RecoFunctions.Sandbox.Wire;

/// <summary>
/// Reads request bodies in the sandbox's own lean shapes, which keep no copies of what the sandbox does not keep: the
/// payload strings it only checks are validated where they lie in the body, not allocated. Absent members stay null or 0.
/// </summary>
internal static class LeanBody
{
    /// <summary>
    /// Reads <paramref name="utf8"/> in the lean shape; a body that shape does not take is read again in the contract's
    /// shape and converted, so that every body is answered as before: with the same error text (the lean types have
    /// other names), or with the same values where only the lean reading is stricter.
    /// </summary>
    /// <exception cref="JsonException">Not JSON of the contract's shape.</exception>
    public static TLean? Read<TLean, TContract>(ReadOnlySpan<byte> utf8, JsonTypeInfo<TLean> lean, JsonTypeInfo<TContract> contract, Func<TContract, TLean> convert)
        where TLean : class
        where TContract : class
    {
        try
        {
            return JsonSerializer.Deserialize(utf8, lean);
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException)
        {
            return JsonSerializer.Deserialize(utf8, contract) is { } value ? convert(value) : null;
        }
    }
}
