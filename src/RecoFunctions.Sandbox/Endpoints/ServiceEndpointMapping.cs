using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RecoFunctions.Sandbox.Knobs;

namespace RecoFunctions.Sandbox.Endpoints;

/// <summary>Maps a service endpoint behind its service's knobs (and the API key, when one is configured).</summary>
internal static class ServiceEndpointMapping
{
    public static void MapService(
        this IEndpointRouteBuilder routes, SandboxState state, SandboxService service, string method, string pattern, RequestDelegate handler)
    {
        var knobs = state.Knobs[service];
        var endpoint = $"{method} {pattern}";
        var apiKey = state.Options.ApiKey;
        var apiKeyHeader = state.Options.ApiKeyHeader;
        routes.MapMethods(pattern, [method], async context =>
        {
            knobs.CallStarted();
            try
            {
                await AnswerAsync(context, knobs, endpoint, apiKey, apiKeyHeader, handler).ConfigureAwait(false);
            }
            finally
            {
                knobs.CallEnded();
            }
        });
    }

    private static async Task AnswerAsync(HttpContext context, ServiceKnobs knobs, string endpoint, string? apiKey, string apiKeyHeader, RequestDelegate handler)
    {
        var injected = await knobs.BeforeCallAsync(endpoint, context.RequestAborted).ConfigureAwait(false);
        if (injected is not null)
        {
            await HttpJson.WriteErrorAsync(
                context, injected.StatusCode, "injected", $"sandbox {injected.Cause}: {injected.StatusCode}", injected.RetryAfter).ConfigureAwait(false);
            return;
        }

        if (apiKey is not null && context.Request.Headers[apiKeyHeader] != apiKey)
        {
            await HttpJson.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "unauthorized", $"the {apiKeyHeader} header is missing or wrong").ConfigureAwait(false);
            return;
        }

        await handler(context).ConfigureAwait(false);
    }

    public static string Route(this HttpContext context, string name) => (string)context.Request.RouteValues[name]!;
}
