namespace RecoFunctions.Local.Workload;

/// <summary>
/// Identifiers the sandbox services refuse for good (see <c>SandboxOptions</c>): the generator uses them to make
/// permanent failures, and replayed files are judged by them.
/// </summary>
public static class SandboxConventions
{
    /// <summary>Content ids the content API answers 404 for.</summary>
    public const string MissingContentPrefix = "missing-";

    /// <summary>Placement ids the placement API answers 404 for.</summary>
    public const string UnknownPlacementPrefix = "unknown-";

    /// <summary>Keys the recommender rejects (400).</summary>
    public const string RejectedKeyPrefix = "rejected-";
}
