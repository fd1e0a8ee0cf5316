using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RecoFunctions.Core.Delivery;

namespace RecoFunctions.Sandbox.Endpoints;

/// <summary>
/// The recommender's write API: <c>POST /deliveries/batch</c> (a status per operation) and the single-item endpoints,
/// which answer 200 with the result for applied and stale operations and 400 for rejected ones.
/// </summary>
internal static class DeliveryEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, SandboxState state)
    {
        routes.MapService(state, SandboxService.RecommenderDelivery, HttpMethods.Post, "/deliveries/batch", context => BatchAsync(context, state));
        routes.MapService(state, SandboxService.RecommenderDelivery, HttpMethods.Put, "/items/{itemId}",
            context => SingleAsync(context, state, DeliveryKinds.Item, DeliveryActions.Upsert, "itemId"));
        routes.MapService(state, SandboxService.RecommenderDelivery, HttpMethods.Delete, "/items/{itemId}", context => DeleteItemAsync(context, state));
        routes.MapService(state, SandboxService.RecommenderDelivery, HttpMethods.Put, "/campaigns/{campaignId}",
            context => SingleAsync(context, state, DeliveryKinds.Campaign, DeliveryActions.Upsert, "campaignId"));
        routes.MapService(state, SandboxService.RecommenderDelivery, HttpMethods.Post, "/campaigns/{campaignId}/retire",
            context => SingleAsync(context, state, DeliveryKinds.Campaign, DeliveryActions.Retire, "campaignId"));
    }

    private static async Task BatchAsync(HttpContext context, SandboxState state)
    {
        var request = await HttpJson.ReadAsync(context, RequestBodies.DeliveryBatch).ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        // A body without operations, or with a null one, fails the call (after the operations before it), as it always has.
        var operations = request.Operations;
        if (operations.Count > state.Options.MaxBatchItems)
        {
            await HttpJson.TooLargeAsync(context, operations.Count, state.Options.MaxBatchItems).ConfigureAwait(false);
            return;
        }

        var results = new DeliveryResult[operations.Count];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = state.Intake.Handle(operations[i]);
        }

        await HttpJson.WriteAsync(context, StatusCodes.Status200OK, new DeliveryBatchResponse { Results = results }, DeliveryJsonContext.Default.DeliveryBatchResponse)
            .ConfigureAwait(false);
    }

    private static async Task SingleAsync(HttpContext context, SandboxState state, string kind, string action, string keyRoute)
    {
        var request = await HttpJson.ReadAsync(context, DeliveryJsonContext.Default.DeliveryRequest).ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        var operation = new DeliveryOperation
        {
            Kind = kind,
            Action = action,
            Key = context.Route(keyRoute),
            Version = request.Version,
            ProducedAt = request.ProducedAt,
            Payload = request.Payload,
        };
        await AnswerAsync(context, state.Intake.Handle(operation)).ConfigureAwait(false);
    }

    private static Task DeleteItemAsync(HttpContext context, SandboxState state)
    {
        var query = context.Request.Query;
        _ = long.TryParse(query["version"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var version);
        var producedAt = DateTimeOffset.TryParse(query["producedAt"].ToString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
            ? parsed
            : state.TimeProvider.GetUtcNow();
        var operation = new DeliveryOperation
        {
            Kind = DeliveryKinds.Item,
            Action = DeliveryActions.Delete,
            Key = context.Route("itemId"),
            Version = version,
            ProducedAt = producedAt,
        };
        return AnswerAsync(context, state.Intake.Handle(operation));
    }

    private static Task AnswerAsync(HttpContext context, DeliveryResult result) =>
        result.Status == DeliveryStatuses.Rejected
            ? HttpJson.WriteErrorAsync(context, StatusCodes.Status400BadRequest, DeliveryStatuses.Rejected, result.Reason ?? "rejected")
            : HttpJson.WriteAsync(context, StatusCodes.Status200OK, result, DeliveryJsonContext.Default.DeliveryResult);
}
