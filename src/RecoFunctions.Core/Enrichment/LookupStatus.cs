namespace RecoFunctions.Core.Enrichment;

/// <summary>Per-item statuses of the enrichment batch endpoints.</summary>
public static class LookupStatus
{
    public const string Ok = "ok";

    /// <summary>Permanent: the service does not know the item (the single endpoint answers 404).</summary>
    public const string NotFound = "notFound";

    /// <summary>Permanent: the request for this item is invalid (the single endpoint answers 400).</summary>
    public const string Rejected = "rejected";
}
