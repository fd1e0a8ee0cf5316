using RecoFunctions.Core.Windowing;

namespace RecoFunctions.Core.Tests.Windowing;

public sealed class FeatureBuilderTests
{
    private static readonly Dictionary<string, ContentFacts> Facts = new()
    {
        ["a"] = new ContentFacts("a", "video", ["sport", "football"]),
        ["b"] = new ContentFacts("b", "article", ["news", "sport"]),
        ["c"] = new ContentFacts("c", "article", ["culture", "culture"]),
        ["x"] = new ContentFacts("x", null, []),
    };

    [Fact]
    public void Build_TagsAndKinds_WeightedByEventsOnEachContent()
    {
        var window = Windows.Closed("u", ("a", 1), ("b", 3), ("c", 1));

        var features = FeatureBuilder.Build(window, Facts, topCount: 10);

        // sport: 1 + 3, news: 3, culture and football: 1 each; article: 3 + 1, video: 1.
        Assert.Equal(["sport", "news", "culture", "football"], features.TopTags);
        Assert.Equal(["article", "video"], features.TopKinds);
    }

    [Fact]
    public void Build_EqualWeights_OrderedByNameAndCutAtTopCount()
    {
        var window = Windows.Closed("u", ("a", 2), ("b", 2), ("c", 2));

        var features = FeatureBuilder.Build(window, Facts, topCount: 2);

        // sport 4, then culture, football and news 2 each: the first by name wins the second place.
        Assert.Equal(["sport", "culture"], features.TopTags);
        Assert.Equal(["article", "video"], features.TopKinds);
    }

    [Fact]
    public void Build_ATagListedTwiceByOneContent_CountsOncePerEvent()
    {
        var window = Windows.Closed("u", ("c", 1), ("a", 1), ("b", 1));

        var features = FeatureBuilder.Build(window, Facts, topCount: 1);

        Assert.Equal(["sport"], features.TopTags);
    }

    [Fact]
    public void Build_UnknownAndUnlookedContents_CountAsContentsButAddNoTagsOrKinds()
    {
        var window = Windows.Closed("u", ("x", 2), ("not-looked-up", 1));

        var features = FeatureBuilder.Build(window, Facts, topCount: 5);

        Assert.Empty(features.TopTags);
        Assert.Empty(features.TopKinds);
        Assert.Equal(2, features.DistinctContents);
        Assert.Equal(3, features.Events);
    }

    [Fact]
    public void Build_Window_KeepsItsKeyFiguresAndCountsSortedByKind()
    {
        var window = Windows.Closed("u-9", ("a", 2)) with
        {
            Counts = new Dictionary<string, int> { ["view"] = 1, ["click"] = 1 },
            TotalDwellMs = 4_321,
        };

        var features = FeatureBuilder.Build(window, Facts, topCount: 5);

        Assert.Equal(("u-9", "5m", Windows.Start, Windows.Start.AddMinutes(5), 2, 4_321L), (features.UserKey, features.Window, features.Start, features.End, features.Events, features.TotalDwellMs));
        Assert.Equal(["click", "view"], features.Counts.Keys);
    }

    [Fact]
    public void Build_ContentsInAnyOrder_SameFeatures()
    {
        var forward = FeatureBuilder.Build(Windows.Closed("u", ("a", 1), ("b", 1), ("c", 1)), Facts, topCount: 3);
        var backward = FeatureBuilder.Build(Windows.Closed("u", ("c", 1), ("b", 1), ("a", 1)), Facts, topCount: 3);

        Assert.Equal(forward.TopTags, backward.TopTags);
        Assert.Equal(forward.TopKinds, backward.TopKinds);
    }
}
