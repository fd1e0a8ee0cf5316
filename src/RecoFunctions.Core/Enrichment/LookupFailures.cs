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
}
