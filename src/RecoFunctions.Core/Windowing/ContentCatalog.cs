using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Enrichment;
using RecoFunctions.Core.Resilience;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Core.Windowing;

/// <summary>
/// Kind and tags of content items from the content API (<c>POST /contents/batch</c>, in requests shared with the
/// process's other callers), kept in a bounded cache. Items the API does not know (or refuses) have no kind and no tags,
/// and are cached as such.
/// </summary>
internal sealed class ContentCatalog : IContentCatalog, IDisposable
{
    private const string Service = ServiceNames.ContentApi;

    /// <summary>
    /// Interactions name no content version. The content flow's first version is what every reader of an unversioned
    /// content gets (<c>GET /contents/{id}</c> without a version), and asking for one fixed version keeps a window's
    /// features the same however often it is recomputed.
    /// </summary>
    private const long FactsVersion = 1;

    private readonly SharedBatchCall<ContentRef, ContentBatchItem> _call;
    private readonly MemoryCache _cache;
    private readonly TimeSpan _lifetime;

    public ContentCatalog(IContentApiClient client, BatchCaller caller, IOptions<FeatureOptions> options, TimeProvider timeProvider)
    {
        _call = caller.Create<ContentRef, ContentBatchItem>(
            Service,
            "contents.batch",
            async (refs, token) => (await client.GetBatchAsync(new ContentBatchRequest { Items = refs }, token).ConfigureAwait(false)).Items);
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.CatalogCapacity, Clock = new CacheClock(timeProvider) });
        _lifetime = options.Value.CatalogEntryLifetime;
    }

    /// <summary>Entries held now; for tests and diagnostics.</summary>
    public int Count => _cache.Count;

    /// <exception cref="FeaturesNotPublishedException">The content API could not answer for some ids.</exception>
    public async ValueTask<IReadOnlyDictionary<string, ContentFacts>> LookupAsync(IReadOnlyCollection<string> contentIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contentIds);
        var facts = new Dictionary<string, ContentFacts>(contentIds.Count, StringComparer.Ordinal);
        List<ContentRef>? missing = null;
        foreach (var contentId in contentIds)
        {
            if (_cache.TryGetValue(contentId, out ContentFacts? cached) && cached is not null)
            {
                facts[contentId] = cached;
            }
            else if (facts.TryAdd(contentId, Unknown(contentId)))
            {
                (missing ??= []).Add(new ContentRef(contentId, FactsVersion));
            }
        }

        if (missing is not null)
        {
            await FetchAsync(missing, facts, cancellationToken).ConfigureAwait(false);
        }

        return facts;
    }

    public void Dispose() => _cache.Dispose();

    private async Task FetchAsync(List<ContentRef> missing, Dictionary<string, ContentFacts> facts, CancellationToken cancellationToken)
    {
        var answers = await _call.CallAsync(missing, cancellationToken).ConfigureAwait(false);
        ServiceFailure? firstFailure = null;
        var failed = 0;
        for (var i = 0; i < answers.Length; i++)
        {
            var contentId = missing[i].ContentId;
            var failure = answers[i].Failure ?? Check(contentId, answers[i].Answer);
            if (failure is not null)
            {
                firstFailure ??= failure;
                failed++;
                continue;
            }

            var found = Facts(contentId, answers[i].Answer!);
            facts[contentId] = found;
            _cache.Set(contentId, found, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _lifetime });
        }

        if (firstFailure is not null)
        {
            throw new FeaturesNotPublishedException("contents' kinds and tags", firstFailure.Reason, failed, firstFailure.IsTransient, firstFailure.RetryAfter);
        }
    }

    /// <summary>Not-found and rejected items are answers (unknown content); a mismatched or unknown answer is a glitch to retry.</summary>
    private static ServiceFailure? Check(string contentId, ContentBatchItem? item)
    {
        if (item is null || item.ContentId != contentId)
        {
            return LookupFailures.Unmatched(Service);
        }

        return item.Status switch
        {
            LookupStatus.Ok => item.Content is null ? LookupFailures.Incomplete(Service) : null,
            LookupStatus.NotFound or LookupStatus.Rejected => null,
            _ => ServiceFailure.Labelled(Service, true, $"unknown item status '{item.Status}'"),
        };
    }

    private static ContentFacts Facts(string contentId, ContentBatchItem item) =>
        item.Status == LookupStatus.Ok && item.Content is { } content
            ? new ContentFacts(contentId, content.Kind, content.Tags ?? [])
            : Unknown(contentId);

    private static ContentFacts Unknown(string contentId) => new(contentId, null, []);

    /// <summary>The cache's expiry follows the injected clock.</summary>
    private sealed class CacheClock(TimeProvider timeProvider) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => timeProvider.GetUtcNow();
    }
}
