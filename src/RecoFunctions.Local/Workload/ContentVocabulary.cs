namespace RecoFunctions.Local.Workload;

/// <summary>The words content events are made of.</summary>
internal static class ContentVocabulary
{
    public static readonly string[] Titles =
    [
        "Late winner keeps title race alive", "The week in pictures", "Ten dinners under thirty minutes", "Inside the new city museum",
        "Markets steady ahead of rate decision", "How the river was cleaned up", "A summer of festivals, ranked", "Coach names squad for autumn tests",
        "What the energy policy means for you", "Island life after the ferry stopped", "Behind the scenes at the harbour studio", "Review: the season's best thrillers",
        "A journey along the valley railway", "Kitchen basics: stocks and sauces", "The signal that changed the league", "Report: the future of city gardens",
        "From the archive: winter of 1963", "Five windows onto the old town", "Launch day for the new space telescope", "Podcast: the record that never was",
        "Recipe: slow-roast tomatoes", "Gallery: festival night lights", "Video: the match in ninety seconds", "Why commuters are cycling again",
    ];

    public static readonly string[] Tags =
    [
        "news", "sport", "football", "tennis", "culture", "music", "film", "science", "space", "travel", "food", "recipes",
        "business", "markets", "tech", "climate", "politics", "health", "local", "weekend",
    ];

    private static readonly Kind[] Kinds =
    [
        new("article", "art", "articles"),
        new("video", "vid", "videos"),
        new("gallery", "gal", "galleries"),
        new("podcast", "pod", "podcasts"),
        new("recipe", "rec", "recipes"),
    ];

    // Weighted: most content is articles.
    private static readonly int[] KindWeights = [0, 0, 0, 0, 0, 1, 1, 2, 3, 4];

    private static readonly string[] Locales = ["en-GB", "en-GB", "en-GB", "en-GB", "en-US", "en-US", "nl-NL", "fr-FR", "de-DE", "es-ES", "it-IT", "pt-BR", "sv-SE", "pl-PL"];

    private static readonly string[][] TagSets = BuildTagSets();

    /// <summary>The kind of content key <paramref name="index"/>; fixed by the index alone so that campaigns and contents agree.</summary>
    public static Kind KindOf(int index) => Kinds[KindWeights[(int)(WorkloadRandom.Mix(20261121, index) % (ulong)KindWeights.Length)]];

    public static string LocaleOf(ulong trait) => Locales[(int)(trait % (ulong)Locales.Length)];

    /// <summary>One to three distinct tags; the arrays are shared, never modified.</summary>
    public static string[] PickTags(WorkloadRandom random) => TagSets[random.Next(TagSets.Length)];

    private static string[][] BuildTagSets()
    {
        var sets = new List<string[]>();
        for (var i = 0; i < Tags.Length; i++)
        {
            sets.Add([Tags[i]]);
            sets.Add([Tags[i], Tags[(i + 1) % Tags.Length]]);
            sets.Add([Tags[i], Tags[(i + 3) % Tags.Length], Tags[(i + 7) % Tags.Length]]);
        }

        return [.. sets];
    }

    internal sealed record Kind(string Name, string Prefix, string Path);
}
