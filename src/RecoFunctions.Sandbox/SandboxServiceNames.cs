namespace RecoFunctions.Sandbox;

/// <summary>Names of the sandbox services as used by <c>POST /_sandbox/knobs</c> and the stats.</summary>
public static class SandboxServiceNames
{
    public const string ContentApi = "content-api";
    public const string PlacementApi = "placement-api";
    public const string RecommenderApi = "recommender-api";
    public const string RecommenderDelivery = "recommender-delivery";

    public static IReadOnlyList<SandboxService> All { get; } =
        [SandboxService.ContentApi, SandboxService.PlacementApi, SandboxService.RecommenderApi, SandboxService.RecommenderDelivery];

    public static string Of(SandboxService service) => service switch
    {
        SandboxService.ContentApi => ContentApi,
        SandboxService.PlacementApi => PlacementApi,
        SandboxService.RecommenderApi => RecommenderApi,
        SandboxService.RecommenderDelivery => RecommenderDelivery,
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, null),
    };

    public static bool TryParse(string? name, out SandboxService service)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(Of(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                service = candidate;
                return true;
            }
        }

        service = default;
        return false;
    }
}
