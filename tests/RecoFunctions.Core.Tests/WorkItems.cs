using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Messaging;

namespace RecoFunctions.Core.Tests;

/// <summary>Valid work items of both flows, with distinct offsets.</summary>
internal static class WorkItems
{
    public static readonly DateTimeOffset ProducedAt = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    private static long _offset;

    public static WorkItem Content(string contentId, long version = 1, ContentEventType type = ContentEventType.Published, IReadOnlyList<string>? tags = null)
    {
        var content = new ContentItem(contentId, version, "article", $"Title of {contentId}", "en-GB", $"https://cms.example/{contentId}", tags ?? ["sport"], ProducedAt);
        return Item("oicms.content.v1", new ContentEvent($"evt-{contentId}-{version}", type, ProducedAt, content));
    }

    public static WorkItem Campaign(
        string campaignId,
        long version = 1,
        CampaignEventType type = CampaignEventType.Activated,
        string placementId = "home-hero",
        IReadOnlyList<string>? contentIds = null)
    {
        var campaign = new Campaign(campaignId, version, $"Campaign {campaignId}", placementId, contentIds ?? ["art-1", "missing-1"], ["seg-1", "seg-2"], 5, ProducedAt, ProducedAt.AddDays(7));
        return Item("cm.events.v1", new CampaignEvent($"evt-{campaignId}-{version}", type, ProducedAt, campaign));
    }

    public static IReadOnlyList<WorkItem> Contents(int count, string prefix = "art") =>
        [.. Enumerable.Range(1, count).Select(i => Content($"{prefix}-{i}"))];

    private static WorkItem Item(string topic, PipelineEvent @event) =>
        new(new MessageId(topic, 0, Interlocked.Increment(ref _offset)), ProducedAt, ProducedAt, @event);
}
