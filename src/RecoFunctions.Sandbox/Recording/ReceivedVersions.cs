namespace RecoFunctions.Sandbox.Recording;

/// <summary>The versions of one (kind, key) the recommender received and accepted as applied or stale (a copy).</summary>
public sealed record ReceivedVersions(string Kind, string Key, long HeldVersion, VersionRanges Versions);
