using System.Text;
using System.Text.Json;

namespace RecoFunctions.Core.Intake;

/// <summary>
/// The wire names of an enumeration, kept as UTF-8 so that a message's value is compared where it lies in the
/// document, without becoming a string first.
/// </summary>
internal sealed class WireNames<TEnum>
    where TEnum : struct
{
    private readonly (byte[] Utf8, TEnum Value)[] _names;

    public WireNames(params (string Name, TEnum Value)[] names)
    {
        _names = [.. names.Select(name => (Encoding.UTF8.GetBytes(name.Name), name.Value))];
        OneOf = $"must be one of {string.Join(", ", names.Select(name => name.Name))}";
    }

    /// <summary>The violation message for a value that is none of the names.</summary>
    public string OneOf { get; }

    public bool TryFind(JsonElement text, out TEnum value)
    {
        foreach (var (utf8, candidate) in _names)
        {
            if (text.ValueEquals(utf8))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
