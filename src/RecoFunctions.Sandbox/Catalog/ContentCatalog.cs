using System.Buffers;
using System.Globalization;
using System.Text.Json;
using RecoFunctions.Core.Enrichment;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Sandbox.Catalog;

/// <summary>
/// Makes up a content for any id and version, always the same one; ids with the missing prefix do not exist. Batch
/// answers write the content straight as JSON (<see cref="Write"/>) rather than building its strings first.
/// </summary>
internal sealed class ContentCatalog(SandboxOptions options)
{
    private const string Locale = "en-GB";
    private const string ImageUrlPrefix = "https://images.sandbox.invalid/";

    // Escaping a UTF-16 code unit takes at most 9 characters (%XX for each of three UTF-8 bytes).
    private const int MaxEscapedLength = 9;

    // Digits of the longest long, with its sign.
    private const int MaxVersionLength = 20;

    private static readonly string[] Kinds = ["article", "video", "gallery", "podcast", "recipe"];
    private static readonly string[] Categories = ["news", "sport", "culture", "science", "travel", "food", "business", "tech"];
    private static readonly string[] Authors = ["A. Moreau", "B. Okafor", "C. Lindqvist", "D. Nakamura", "E. Castillo", "F. Haddad"];
    private static readonly string[] Words =
    [
        "the", "match", "season", "city", "market", "recipe", "story", "team", "river", "museum", "record", "summer",
        "winter", "garden", "launch", "energy", "festival", "coach", "policy", "island", "harbour", "studio", "review", "journey",
        "kitchen", "signal", "league", "report", "future", "archive", "valley", "window",
    ];

    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly int LongestWord = Words.Max(word => word.Length);
    private static readonly string[] CapitalisedWords = [.. Words.Select(word => char.ToUpperInvariant(word[0]) + word[1..])];
    private static readonly string[] Summaries = [.. Kinds.SelectMany(kind => Categories.Select(category => $"A {kind} about {category}."))];
    private static readonly JsonEncodedText[] EncodedKinds = Encoded(Kinds);
    private static readonly JsonEncodedText[] EncodedCategories = Encoded(Categories);
    private static readonly JsonEncodedText[] EncodedAuthors = Encoded(Authors);
    private static readonly JsonEncodedText[] EncodedSummaries = Encoded(Summaries);
    private static readonly JsonEncodedText EncodedLocale = JsonEncodedText.Encode(Locale);

    public bool Exists(string contentId) =>
        contentId.Length > 0 && !contentId.StartsWith(options.MissingContentPrefix, StringComparison.Ordinal);

    public ContentDocument Create(string contentId, long version)
    {
        var draw = Draw(contentId, version);
        var buffer = ArrayPool<char>.Shared.Rent(BufferLength(contentId));
        try
        {
            return new ContentDocument
            {
                ContentId = contentId,
                Version = version,
                Kind = Kinds[draw.Kind],
                Title = new string(Title(buffer, draw, contentId, version)),
                Summary = Summaries[draw.Summary],
                Body = Utf8Text.From(Body(buffer, draw.BodyState, options.ContentBodyWords)),
                Author = Authors[draw.Author],
                Category = Categories[draw.Category],
                Locale = Locale,
                ImageUrl = new string(ImageUrl(buffer, contentId, version)),
                WordCount = options.ContentBodyWords,
                Tags = [Categories[draw.Category]],
                UpdatedAt = Epoch.AddMinutes(draw.Minutes),
            };
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes the JSON object that serialising <see cref="Create"/>'s document writes, without building its strings.</summary>
    public void Write(Utf8JsonWriter writer, string contentId, long version)
    {
        var draw = Draw(contentId, version);
        var buffer = ArrayPool<char>.Shared.Rent(BufferLength(contentId));
        try
        {
            writer.WriteStartObject();
            writer.WriteString("contentId"u8, contentId);
            writer.WriteNumber("version"u8, version);
            writer.WriteString("kind"u8, EncodedKinds[draw.Kind]);
            writer.WriteString("title"u8, Title(buffer, draw, contentId, version));
            writer.WriteString("summary"u8, EncodedSummaries[draw.Summary]);
            writer.WriteString("body"u8, Body(buffer, draw.BodyState, options.ContentBodyWords));
            writer.WriteString("author"u8, EncodedAuthors[draw.Author]);
            writer.WriteString("category"u8, EncodedCategories[draw.Category]);
            writer.WriteString("locale"u8, EncodedLocale);
            writer.WriteString("imageUrl"u8, ImageUrl(buffer, contentId, version));
            writer.WriteNumber("wordCount"u8, options.ContentBodyWords);
            writer.WriteStartArray("tags"u8);
            writer.WriteStringValue(EncodedCategories[draw.Category]);
            writer.WriteEndArray();
            writer.WriteString("updatedAt"u8, Epoch.AddMinutes(draw.Minutes));
            writer.WriteEndObject();
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>The draws from the id's hash, in the order they have always been drawn: kind, category, body words, title words, author, date.</summary>
    private ContentDraw Draw(string contentId, long version)
    {
        var state = (StableHash.Of(contentId) ^ (ulong)version) | 1;
        var kind = Pick(ref state, Kinds.Length);
        var category = Pick(ref state, Categories.Length);
        var bodyState = state;
        for (var i = 0; i < options.ContentBodyWords; i++)
        {
            StableHash.Next(ref state);
        }

        var first = Pick(ref state, Words.Length);
        var second = Pick(ref state, Words.Length);
        var author = Pick(ref state, Authors.Length);
        return new ContentDraw(kind, category, kind * Categories.Length + category, bodyState, first, second, author, Pick(ref state, 500_000));
    }

    /// <summary>Room for the longest of title, body and image URL.</summary>
    private int BufferLength(string contentId) => Math.Max(
        options.ContentBodyWords * (LongestWord + 1) + 1,
        ImageUrlPrefix.Length + contentId.Length * MaxEscapedLength + MaxVersionLength + 8);

    private static ReadOnlySpan<char> Title(Span<char> buffer, ContentDraw draw, string contentId, long version)
    {
        buffer.TryWrite(CultureInfo.InvariantCulture, $"{CapitalisedWords[draw.FirstWord]} {Words[draw.SecondWord]} ({contentId} v{version})", out var written);
        return buffer[..written];
    }

    private static ReadOnlySpan<char> Body(Span<char> buffer, ulong state, int words)
    {
        if (words == 0)
        {
            return [];
        }

        var length = 0;
        for (var i = 0; i < words; i++)
        {
            if (i > 0)
            {
                buffer[length++] = ' ';
            }

            var word = Words[Pick(ref state, Words.Length)];
            word.CopyTo(buffer[length..]);
            length += word.Length;
        }

        buffer[length++] = '.';
        return buffer[..length];
    }

    private static ReadOnlySpan<char> ImageUrl(Span<char> buffer, string contentId, long version)
    {
        ImageUrlPrefix.CopyTo(buffer);
        var length = ImageUrlPrefix.Length;
        Uri.TryEscapeDataString(contentId, buffer[length..], out var escaped);
        length += escaped;
        buffer[length..].TryWrite(CultureInfo.InvariantCulture, $"/{version}.jpg", out var written);
        return buffer[..(length + written)];
    }

    private static int Pick(ref ulong state, int count) => (int)(StableHash.Next(ref state) % (ulong)count);

    private static JsonEncodedText[] Encoded(string[] values) => [.. values.Select(value => JsonEncodedText.Encode(value))];

    private readonly record struct ContentDraw(int Kind, int Category, int Summary, ulong BodyState, int FirstWord, int SecondWord, int Author, int Minutes);
}
