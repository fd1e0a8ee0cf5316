using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RecoFunctions.Core.Enrichment;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Sandbox.Endpoints;

/// <summary><c>GET /contents/{contentId}?version=N</c> and <c>POST /contents/batch</c>.</summary>
internal static class ContentEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, SandboxState state)
    {
        routes.MapService(state, SandboxService.ContentApi, HttpMethods.Get, "/contents/{contentId}", context => GetAsync(context, state));
        routes.MapService(state, SandboxService.ContentApi, HttpMethods.Post, "/contents/batch", context => GetBatchAsync(context, state));
    }

    private static Task GetAsync(HttpContext context, SandboxState state)
    {
        var contentId = context.Route("contentId");
        var version = 1L;
        var query = context.Request.Query["version"];
        if (query.Count > 0 && (!long.TryParse(query[0], NumberStyles.None, CultureInfo.InvariantCulture, out version) || version < 1))
        {
            return HttpJson.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalidRequest", "version must be an integer of at least 1");
        }

        return state.Contents.Exists(contentId)
            ? HttpJson.WriteAsync(context, StatusCodes.Status200OK, state.Contents.Create(contentId, version), ServicesJsonContext.Default.ContentDocument)
            : HttpJson.WriteErrorAsync(context, StatusCodes.Status404NotFound, "notFound", NotFound(contentId));
    }

    private static async Task GetBatchAsync(HttpContext context, SandboxState state)
    {
        var request = await HttpJson.ReadAsync(context, ServicesJsonContext.Default.ContentBatchRequest).ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        if (request.Items.Count > state.Options.MaxBatchItems)
        {
            await HttpJson.TooLargeAsync(context, request.Items.Count, state.Options.MaxBatchItems).ConfigureAwait(false);
            return;
        }

        var items = new ContentBatchItem[request.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = Lookup(state, request.Items[i]);
        }

        await HttpJson.WriteAsync(context, StatusCodes.Status200OK, new ContentBatchResponse { Items = items }, ServicesJsonContext.Default.ContentBatchResponse)
            .ConfigureAwait(false);
    }

    private static ContentBatchItem Lookup(SandboxState state, ContentRef reference)
    {
        var item = new ContentBatchItem { ContentId = reference.ContentId, Version = reference.Version };
        if (reference.Version < 1)
        {
            return item with { Status = LookupStatus.Rejected, Message = "version must be at least 1" };
        }

        return state.Contents.Exists(reference.ContentId)
            ? item with { Status = LookupStatus.Ok, Content = state.Contents.Create(reference.ContentId, reference.Version) }
            : item with { Status = LookupStatus.NotFound, Message = NotFound(reference.ContentId) };
    }

    private static string NotFound(string contentId) => $"content '{contentId}' does not exist";
}
