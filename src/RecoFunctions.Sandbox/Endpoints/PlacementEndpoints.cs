using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RecoFunctions.Core.Enrichment;

namespace RecoFunctions.Sandbox.Endpoints;

/// <summary><c>GET /placements/{placementId}</c> and <c>POST /placements/batch</c>.</summary>
internal static class PlacementEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, SandboxState state)
    {
        routes.MapService(state, SandboxService.PlacementApi, HttpMethods.Get, "/placements/{placementId}", context => GetAsync(context, state));
        routes.MapService(state, SandboxService.PlacementApi, HttpMethods.Post, "/placements/batch", context => GetBatchAsync(context, state));
    }

    private static Task GetAsync(HttpContext context, SandboxState state)
    {
        var placementId = context.Route("placementId");
        return state.Placements.Exists(placementId)
            ? HttpJson.WriteAsync(context, StatusCodes.Status200OK, state.Placements.Create(placementId), EnrichmentJsonContext.Default.PlacementDocument)
            : HttpJson.WriteErrorAsync(context, StatusCodes.Status404NotFound, "notFound", NotFound(placementId));
    }

    private static async Task GetBatchAsync(HttpContext context, SandboxState state)
    {
        var request = await HttpJson.ReadAsync(context, EnrichmentJsonContext.Default.PlacementBatchRequest).ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        if (request.PlacementIds.Count > state.Options.MaxBatchItems)
        {
            await HttpJson.TooLargeAsync(context, request.PlacementIds.Count, state.Options.MaxBatchItems).ConfigureAwait(false);
            return;
        }

        var items = new PlacementBatchItem[request.PlacementIds.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var placementId = request.PlacementIds[i];
            items[i] = state.Placements.Exists(placementId)
                ? new PlacementBatchItem { PlacementId = placementId, Status = LookupStatus.Ok, Placement = state.Placements.Create(placementId) }
                : new PlacementBatchItem { PlacementId = placementId, Status = LookupStatus.NotFound, Message = NotFound(placementId) };
        }

        await HttpJson.WriteAsync(context, StatusCodes.Status200OK, new PlacementBatchResponse { Items = items }, EnrichmentJsonContext.Default.PlacementBatchResponse)
            .ConfigureAwait(false);
    }

    private static string NotFound(string placementId) => $"placement '{placementId}' does not exist";
}
