using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Delivery;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Core.Windowing;

/// <summary>
/// Closed windows → features (their contents' kinds and tags from the catalog) → the recommender's feature endpoint.
/// Returns only when every window's features were taken (applied, or unchanged on a replay); otherwise throws
/// <see cref="FeaturesNotPublishedException"/>, so that the caller saves no state past them.
/// </summary>
internal sealed class ClosedWindowPublisher(
    IContentCatalog catalog, FeatureDelivery delivery, IOptions<WindowingOptions> options, ILogger<ClosedWindowPublisher> logger) : IClosedWindowPublisher
{
    private const string Windows = "closed windows' features";

    private readonly int _topCount = options.Value.TopCount;

    public async Task PublishAsync(IReadOnlyList<ClosedWindow> windows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.Count == 0)
        {
            return;
        }

        var contentIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var window in windows)
        {
            contentIds.UnionWith(window.ContentEvents.Keys);
        }

        IReadOnlyDictionary<string, ContentFacts> facts;
        try
        {
            facts = await catalog.LookupAsync(contentIds, cancellationToken).ConfigureAwait(false);
        }
        catch (FeaturesNotPublishedException exception)
        {
            ClosedWindowPublisherLog.NotPublished(logger, windows.Count, windows.Count, exception.IsTransient, exception.Reason);
            throw new FeaturesNotPublishedException(Windows, exception.Reason, windows.Count, exception.IsTransient, exception.RetryAfter);
        }

        var records = new FeatureRecord[windows.Count];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = FeatureRecords.From(FeatureBuilder.Build(windows[i], facts, _topCount));
        }

        var failures = await delivery.DeliverAsync(records, cancellationToken).ConfigureAwait(false);
        ThrowIfAnyFailed(failures);
        ClosedWindowPublisherLog.Published(logger, windows.Count, contentIds.Count);
    }

    private void ThrowIfAnyFailed(ServiceFailure?[] failures)
    {
        ServiceFailure? first = null;
        var failed = 0;
        var transient = true;
        foreach (var failure in failures)
        {
            if (failure is not null)
            {
                first ??= failure;
                failed++;
                transient &= failure.IsTransient;
            }
        }

        if (first is not null)
        {
            ClosedWindowPublisherLog.NotPublished(logger, failed, failures.Length, transient, first.Reason);
            throw new FeaturesNotPublishedException(Windows, first.Reason, failed, transient, first.RetryAfter);
        }
    }
}
