using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Messaging;

namespace RecoFunctions.Core.Tests.Workflow;

internal static class WorkItems
{
    public const string Topic = "oicms.content.v1";

    public static WorkItem Content(long offset, DateTimeOffset firstAttemptAt)
    {
        var content = new ContentItem($"art-{offset}", 1, "article", "Title", "en-GB", null, [], firstAttemptAt);
        var pipelineEvent = new ContentEvent($"evt-{offset}", ContentEventType.Published, firstAttemptAt, content);
        return new WorkItem(new MessageId(Topic, 0, offset), firstAttemptAt, firstAttemptAt, pipelineEvent);
    }

    public static List<WorkItem> Range(int count, DateTimeOffset firstAttemptAt) =>
        [.. Enumerable.Range(0, count).Select(offset => Content(offset, firstAttemptAt))];
}
