using RecoFunctions.Core.Enrichment;
using RecoFunctions.Core.Resilience;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Core.Delivery;

/// <summary>
/// Delivers feature records through <c>POST /features/batch</c>, in requests of the service's batch size shared with every
/// other caller of the process, and says per record whether the recommender took it (applied or unchanged).
/// </summary>
/// <remarks>
/// A call's records may travel in concurrent requests; that is safe because a record's key (user, window, start) is
/// final once its window closed: the same key always carries the same values.
/// </remarks>
internal sealed class FeatureDelivery
{
    private const string Service = ServiceNames.RecommenderApi;

    private readonly SharedBatchCall<FeatureRecord, FeatureResult> _call;

    public FeatureDelivery(IFeatureDeliveryClient client, BatchCaller caller)
    {
        _call = caller.Create<FeatureRecord, FeatureResult>(
            Service,
            "features.batch",
            async (records, token) => (await client.DeliverBatchAsync(new FeatureBatchRequest { Features = records }, token).ConfigureAwait(false)).Results);
    }

    /// <returns>Per record, in order: null when the recommender took it, else why not.</returns>
    public async Task<ServiceFailure?[]> DeliverAsync(IReadOnlyList<FeatureRecord> records, CancellationToken cancellationToken)
    {
        var answers = await _call.CallAsync(records, cancellationToken).ConfigureAwait(false);
        var failures = new ServiceFailure?[answers.Length];
        for (var i = 0; i < answers.Length; i++)
        {
            failures[i] = answers[i].Failure ?? Check(records[i], answers[i].Answer);
        }

        return failures;
    }

    private static ServiceFailure? Check(FeatureRecord record, FeatureResult? result)
    {
        if (result is null || result.UserKey != record.UserKey || result.Window != record.Window || result.Start != record.Start)
        {
            return LookupFailures.Unmatched(Service);
        }

        return result.Status switch
        {
            FeatureStatuses.Applied or FeatureStatuses.Unchanged => null,
            FeatureStatuses.Rejected => ServiceFailure.Labelled(Service, false, "400 rejected", result.Reason, status: 400),
            _ => ServiceFailure.Labelled(Service, true, $"unknown feature status '{result.Status}'"),
        };
    }
}
