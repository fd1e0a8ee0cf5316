using RecoFunctions.Core.Services;

namespace RecoFunctions.Core.Enrichment;

/// <summary>Per-item statuses of the enrichment batch endpoints as failures, worded like whole-call failures.</summary>
internal static class LookupFailures
{
    /// <returns><see langword="null"/> for <see cref="LookupStatus.Ok"/>.</returns>
    public static ServiceFailure? FromStatus(string service, string status, string? message) => status switch
    {
        LookupStatus.Ok => null,
        LookupStatus.NotFound => ServiceFailure.FromStatus(service, 404, message),
        LookupStatus.Rejected => ServiceFailure.FromStatus(service, 400, message),
        _ => ServiceFailure.Labelled(service, true, $"unknown item status '{status}'"),
    };

    /// <summary>The answer lacks the item or names another one: a glitch of the service, worth retrying.</summary>
    public static ServiceFailure Unmatched(string service) =>
        ServiceFailure.Labelled(service, true, "batch answer does not match the request");

    public static ServiceFailure Incomplete(string service) =>
        ServiceFailure.Labelled(service, true, "ok answer without a result");

    /// <summary>
    /// One item of a lookup answer as a step result: the failure its status names, else the record enriched with the
    /// item's result, else (an ok answer without a result) <see cref="Incomplete"/>.
    /// </summary>
    public static StepResult ToStepResult<TResult>(string service, string status, string? message, TResult? result, Func<TResult, EnrichedRecord> enrich)
        where TResult : class
    {
        if (FromStatus(service, status, message) is { } failure)
        {
            return StepResult.Failed(failure);
        }

        return result is null ? StepResult.Failed(Incomplete(service)) : StepResult.Ok(enrich(result));
    }
}
