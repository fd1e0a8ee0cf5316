using System.Globalization;
using System.Text;
using RecoFunctions.Core.Enrichment;

namespace RecoFunctions.Sandbox.Catalog;

/// <summary>Makes up a content for any id and version, always the same one; ids with the missing prefix do not exist.</summary>
internal sealed class ContentCatalog(SandboxOptions options)
{
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

    public bool Exists(string contentId) =>
        contentId.Length > 0 && !contentId.StartsWith(options.MissingContentPrefix, StringComparison.Ordinal);

    public ContentDocument Create(string contentId, long version)
    {
        var state = (StableHash.Of(contentId) ^ (ulong)version) | 1;
        var kind = Kinds[Pick(ref state, Kinds.Length)];
        var category = Categories[Pick(ref state, Categories.Length)];
        var body = Body(ref state, options.ContentBodyWords);
        return new ContentDocument
        {
            ContentId = contentId,
            Version = version,
            Kind = kind,
            Title = string.Create(CultureInfo.InvariantCulture, $"{Capitalise(Words[Pick(ref state, Words.Length)])} {Words[Pick(ref state, Words.Length)]} ({contentId} v{version})"),
            Summary = string.Create(CultureInfo.InvariantCulture, $"A {kind} about {category}."),
            Body = body,
            Author = Authors[Pick(ref state, Authors.Length)],
            Category = category,
            Locale = "en-GB",
            ImageUrl = $"https://images.sandbox.invalid/{Uri.EscapeDataString(contentId)}/{version.ToString(CultureInfo.InvariantCulture)}.jpg",
            WordCount = options.ContentBodyWords,
            Tags = [category],
            UpdatedAt = Epoch.AddMinutes(Pick(ref state, 500_000)),
        };
    }

    private static string Body(ref ulong state, int words)
    {
        if (words == 0)
        {
            return string.Empty;
        }

        var builder = new StringBuilder(words * 8);
        for (var i = 0; i < words; i++)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }

            builder.Append(Words[Pick(ref state, Words.Length)]);
        }

        return builder.Append('.').ToString();
    }

    private static int Pick(ref ulong state, int count) => (int)(StableHash.Next(ref state) % (ulong)count);

    private static string Capitalise(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
