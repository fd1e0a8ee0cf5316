using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RecoFunctions.Core.Delivery;
using RecoFunctions.Sandbox.Recording;
using RecoFunctions.Sandbox.Wire;

namespace RecoFunctions.Sandbox.Endpoints;

/// <summary>
/// The recommender's feature endpoint, <c>POST /features/batch</c> (behind the recommender-delivery knobs), and its control
/// views <c>GET /_sandbox/features</c> and <c>GET /_sandbox/features/calls</c> (never subject to knobs).
/// </summary>
internal static class FeatureEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, SandboxState state)
    {
        routes.MapService(state, SandboxService.RecommenderDelivery, HttpMethods.Post, "/features/batch", context => BatchAsync(context, state));
        routes.MapGet("/_sandbox/features", context =>
            HttpJson.WriteAsync(context, StatusCodes.Status200OK, View(state, Summary(context)), SandboxJsonContext.Default.FeaturesView));
        routes.MapGet("/_sandbox/features/calls", context =>
            HttpJson.WriteAsync(context, StatusCodes.Status200OK, new FeatureCallsView(state.Features.GetCalls()), SandboxJsonContext.Default.FeatureCallsView));
    }

    private static async Task BatchAsync(HttpContext context, SandboxState state)
    {
        var request = await HttpJson.ReadAsync(context, FeatureJsonContext.Default.FeatureBatchRequest).ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        if (request.Features is not { } features)
        {
            await HttpJson.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalidRequest", "features is required").ConfigureAwait(false);
            return;
        }

        if (features.Count > state.Options.MaxBatchItems)
        {
            await HttpJson.TooLargeAsync(context, features.Count, state.Options.MaxBatchItems).ConfigureAwait(false);
            return;
        }

        var results = state.Features.Handle(features);
        await HttpJson.WriteAsync(context, StatusCodes.Status200OK, new FeatureBatchResponse { Results = results }, FeatureJsonContext.Default.FeatureBatchResponse)
            .ConfigureAwait(false);
    }

    /// <summary><c>?summary=true</c>: counters and digest without the records, for drills that compare digests of large runs.</summary>
    private static bool Summary(HttpContext context) =>
        bool.TryParse(context.Request.Query["summary"].ToString(), out var summary) && summary;

    private static FeaturesView View(SandboxState state, bool summary)
    {
        // Features first: the counters then include at least every feature listed.
        var features = state.Features.GetFeatures();
        var counts = state.Features.Counts;
        return new FeaturesView(
            counts.Calls, counts.Received, counts.Applied, counts.Unchanged, counts.Rejected, counts.Overwritten, features.Count, FeatureDigest.Of(features), summary ? [] : features);
    }
}
