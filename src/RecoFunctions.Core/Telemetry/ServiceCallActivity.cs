using System.Diagnostics;

namespace RecoFunctions.Core.Telemetry;

/// <summary>
/// The span of one request to a downstream service. A request may carry the items of several batches: it is a child of
/// the first batch's span and links the others.
/// </summary>
internal static class ServiceCallActivity
{
    public static Activity? Start(string service, string operation, int itemCount, IReadOnlyList<ActivityContext> callers)
    {
        if (!RecoTelemetry.Source.HasListeners())
        {
            return null;
        }

        var parent = callers.Count > 0 ? callers[0] : default;
        List<ActivityLink>? links = null;
        for (var i = 1; i < callers.Count && i <= BatchActivity.MaxLinks; i++)
        {
            if (callers[i] != default && callers[i] != parent)
            {
                (links ??= []).Add(new ActivityLink(callers[i]));
            }
        }

        var tags = new TagList
        {
            { "reco.service", service },
            { "reco.operation", operation },
            { "reco.items", itemCount },
        };
        return RecoTelemetry.Source.StartActivity(service + " " + operation, ActivityKind.Internal, parent, tags, links);
    }

    public static void Failed(Activity? activity, string reason, bool transient)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, reason);
        activity.SetTag("reco.failure", transient ? "transient" : "permanent");
    }
}
