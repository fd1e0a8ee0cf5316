using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RecoFunctions.Core.Enrichment;

namespace RecoFunctions.Sandbox.Endpoints;

/// <summary><c>POST /recommender/known-content</c> and <c>POST /recommender/known-content/batch</c>.</summary>
internal static class RecommenderApiEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, SandboxState state)
    {
        routes.MapService(state, SandboxService.RecommenderApi, HttpMethods.Post, "/recommender/known-content", context => KnownContentAsync(context, state));
        routes.MapService(state, SandboxService.RecommenderApi, HttpMethods.Post, "/recommender/known-content/batch", context => KnownContentBatchAsync(context, state));
    }

    private static async Task KnownContentAsync(HttpContext context, SandboxState state)
    {
        var request = await HttpJson.ReadAsync(context, RequestBodies.KnownContent).ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        if (state.Knowledge.Validate(request) is { } problem)
        {
            await HttpJson.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalidRequest", problem).ConfigureAwait(false);
            return;
        }

        await HttpJson.WriteAsync(context, StatusCodes.Status200OK, state.Knowledge.Answer(request), EnrichmentJsonContext.Default.KnownContentResult)
            .ConfigureAwait(false);
    }

    private static async Task KnownContentBatchAsync(HttpContext context, SandboxState state)
    {
        var request = await HttpJson.ReadAsync(context, RequestBodies.KnownContentBatch).ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        // A body without items, or with a null one, fails the call, as it always has.
        var questions = request.Items;
        if (questions.Count > state.Options.MaxBatchItems)
        {
            await HttpJson.TooLargeAsync(context, questions.Count, state.Options.MaxBatchItems).ConfigureAwait(false);
            return;
        }

        var items = new KnownContentBatchItem[questions.Count];
        for (var i = 0; i < items.Length; i++)
        {
            // An item without a campaign id is answered without one (null members are left out).
            var item = questions[i];
            items[i] = state.Knowledge.Validate(item) is { } problem
                ? new KnownContentBatchItem { CampaignId = item.CampaignId, Status = LookupStatus.Rejected, Message = problem }
                : new KnownContentBatchItem { CampaignId = item.CampaignId, Status = LookupStatus.Ok, Result = state.Knowledge.Answer(item) };
        }

        await HttpJson.WriteAsync(context, StatusCodes.Status200OK, new KnownContentBatchResponse { Items = items }, EnrichmentJsonContext.Default.KnownContentBatchResponse)
            .ConfigureAwait(false);
    }
}
