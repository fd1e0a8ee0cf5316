using RecoFunctions.Core.Delivery;
using RecoFunctions.Core.Enrichment;
using RecoFunctions.Sandbox.Recording;

namespace RecoFunctions.Sandbox.Catalog;

/// <summary>
/// Answers the recommender's known-content question: a content is known unless it does not exist (missing prefix) or
/// was deleted through the sandbox; reach is a stable number per segment.
/// </summary>
internal sealed class RecommenderKnowledge(ContentCatalog contents, DeliveryRecorder recorder)
{
    public string? Validate(KnownContentRequest request) =>
        string.IsNullOrWhiteSpace(request.CampaignId) ? "campaignId is required" : null;

    public KnownContentResult Answer(KnownContentRequest request)
    {
        // Members the body left out are null and fail the call, as they always have.
        var known = new List<string>(request.ContentIds.Count);
        var unknown = new List<string>();
        foreach (var contentId in request.ContentIds)
        {
            (IsKnown(contentId) ? known : unknown).Add(contentId);
        }

        long reach = 0;
        foreach (var segment in request.SegmentIds)
        {
            reach += 1_000 + (long)(StableHash.Of(segment) % 99_000);
        }

        return new KnownContentResult
        {
            CampaignId = request.CampaignId,
            KnownContentIds = known,
            UnknownContentIds = unknown,
            EstimatedReach = reach,
        };
    }

    private bool IsKnown(string contentId) =>
        contents.Exists(contentId) && !recorder.IsRemoved(DeliveryKinds.Item, contentId);
}
