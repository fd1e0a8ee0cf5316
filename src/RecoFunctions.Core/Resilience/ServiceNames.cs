namespace RecoFunctions.Core.Resilience;

/// <summary>Names of the downstream services; keys of the <c>Services</c> and <c>Resilience</c> configuration sections.</summary>
public static class ServiceNames
{
    public const string ContentApi = "content-api";
    public const string PlacementApi = "placement-api";
    public const string RecommenderApi = "recommender-api";

    public static IReadOnlyList<string> All { get; } = [ContentApi, PlacementApi, RecommenderApi];
}
