using RecoFunctions.Core.Delivery;

namespace RecoFunctions.Core.Windowing;

/// <summary>Window features in the recommender's wire shape.</summary>
internal static class FeatureRecords
{
    public static FeatureRecord From(WindowFeatures features) => new()
    {
        UserKey = features.UserKey,
        Window = features.Window,
        Start = features.Start,
        End = features.End,
        Events = features.Events,
        Counts = features.Counts,
        DistinctContents = features.DistinctContents,
        TotalDwellMs = features.TotalDwellMs,
        TopTags = features.TopTags,
        TopKinds = features.TopKinds,
    };
}
