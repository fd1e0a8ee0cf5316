using System.Text;
using System.Text.Json.Serialization;

namespace RecoFunctions.Core.Services;

/// <summary>
/// Text that one service answers and another is sent, kept as the UTF-8 it travels in: a content body is read from the
/// content API and written to the recommender without becoming a UTF-16 string in between, at half the memory.
/// </summary>
[JsonConverter(typeof(Utf8TextJsonConverter))]
public sealed class Utf8Text : IEquatable<Utf8Text>
{
    private readonly byte[] _utf8;

    internal Utf8Text(byte[] utf8) => _utf8 = utf8;

    /// <summary>The text's UTF-8 bytes, unescaped.</summary>
    public ReadOnlySpan<byte> Utf8 => _utf8;

    public static Utf8Text From(ReadOnlySpan<char> text)
    {
        var utf8 = new byte[Encoding.UTF8.GetByteCount(text)];
        Encoding.UTF8.GetBytes(text, utf8);
        return new Utf8Text(utf8);
    }

    public override string ToString() => Encoding.UTF8.GetString(_utf8);

    public bool Equals(Utf8Text? other) => other is not null && _utf8.AsSpan().SequenceEqual(other._utf8);

    public override bool Equals(object? obj) => Equals(obj as Utf8Text);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(_utf8);
        return hash.ToHashCode();
    }
}
