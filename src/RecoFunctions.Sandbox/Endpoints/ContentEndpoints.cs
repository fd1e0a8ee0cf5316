using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RecoFunctions.Core.Enrichment;
using RecoFunctions.Sandbox.Catalog;

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
            ? HttpJson.WriteAsync(context, StatusCodes.Status200OK, state.Contents.Create(contentId, version), EnrichmentJsonContext.Default.ContentDocument)
            : HttpJson.WriteErrorAsync(context, StatusCodes.Status404NotFound, "notFound", NotFound(contentId));
    }

    private static async Task GetBatchAsync(HttpContext context, SandboxState state)
    {
        var request = await HttpJson.ReadAsync(context, RequestBodies.ContentBatch).ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        // A body without items fails the call, as it always has.
        var references = request.Items;
        if (references.Count > state.Options.MaxBatchItems)
        {
            await HttpJson.TooLargeAsync(context, references.Count, state.Options.MaxBatchItems).ConfigureAwait(false);
            return;
        }

        // Every lookup first, so that a bad item (null, or without an id) fails the call before anything is written.
        var statuses = new string[references.Count];
        for (var i = 0; i < statuses.Length; i++)
        {
            statuses[i] = StatusOf(state, references[i]);
        }

        await HttpJson.WriteAsync(context, StatusCodes.Status200OK, (state.Contents, references, statuses), WriteBatch, EnrichmentJsonContext.Default.Options)
            .ConfigureAwait(false);
    }

    private static string StatusOf(SandboxState state, ContentRef reference) =>
        reference.Version < 1 ? LookupStatus.Rejected
        : state.Contents.Exists(reference.ContentId) ? LookupStatus.Ok
        : LookupStatus.NotFound;

    /// <summary>
    /// Writes what serialising a <see cref="ContentBatchResponse"/> of the lookups writes, each found content written
    /// straight from the catalog.
    /// </summary>
    private static void WriteBatch(Utf8JsonWriter writer, (ContentCatalog Contents, IReadOnlyList<ContentRef> Items, string[] Statuses) batch)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("items"u8);
        for (var i = 0; i < batch.Statuses.Length; i++)
        {
            var contentId = batch.Items[i].ContentId;
            var version = batch.Items[i].Version;
            var status = batch.Statuses[i];
            writer.WriteStartObject();
            // A body without one reads as null: the serializer leaves null members out.
            if (contentId is not null)
            {
                writer.WriteString("contentId"u8, contentId);
            }

            writer.WriteNumber("version"u8, version);
            writer.WriteString("status"u8, status);
            if (status == LookupStatus.Rejected)
            {
                writer.WriteString("message"u8, "version must be at least 1");
            }
            else if (status == LookupStatus.Ok)
            {
                // Found or not found, the id was looked up, so it is not null.
                writer.WritePropertyName("content"u8);
                batch.Contents.Write(writer, contentId!, version);
            }
            else
            {
                writer.WriteString("message"u8, NotFound(contentId!));
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static string NotFound(string contentId) => $"content '{contentId}' does not exist";
}
