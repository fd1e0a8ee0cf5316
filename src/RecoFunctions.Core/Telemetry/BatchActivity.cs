using System.Diagnostics;

namespace RecoFunctions.Core.Telemetry;

/// <summary>
/// The span of one batch: it continues the trace of the batch's first record that carries one, and links the other
/// records' traces (a batch serves several producers' traces at once, which a single parent cannot express).
/// </summary>
public static class BatchActivity
{
    /// <summary>Links beyond this many are left out: a span's size stays bounded with large batches.</summary>
    public const int MaxLinks = 64;

    /// <returns>The started span, current on this async flow; <see langword="null"/> when nothing listens.</returns>
    public static Activity? Start(string flow, string topic, int? partition, int count, IEnumerable<ActivityContext> recordContexts)
    {
        ArgumentNullException.ThrowIfNull(recordContexts);
        if (!RecoTelemetry.Source.HasListeners())
        {
            return null;
        }

        ActivityContext parent = default;
        List<ActivityLink>? links = null;
        foreach (var context in recordContexts)
        {
            if (context == default)
            {
                continue;
            }

            if (parent == default)
            {
                parent = context;
            }
            else if (context.TraceId != parent.TraceId && (links ??= []).Count < MaxLinks)
            {
                links.Add(new ActivityLink(context));
            }
        }

        var tags = new TagList
        {
            { "messaging.system", "kafka" },
            { "messaging.operation.type", "process" },
            { "messaging.destination.name", topic },
            { "messaging.batch.message_count", count },
            { "reco.flow", flow },
        };
        if (partition is { } id)
        {
            tags.Add("messaging.destination.partition.id", id);
        }

        return RecoTelemetry.Source.StartActivity("process " + topic, ActivityKind.Consumer, parent, tags, links);
    }
}
