namespace RecoFunctions.Sandbox.Recording;

/// <summary>A (key, version) the recommender applied; <see cref="Kind"/> separates items from campaigns.</summary>
public readonly record struct AppliedDelivery(string Kind, string Key, long Version);
