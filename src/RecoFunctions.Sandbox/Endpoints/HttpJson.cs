using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Sandbox.Endpoints;

/// <summary>Reading and writing JSON bodies with source-generated type information, and the services' error answers.</summary>
internal static class HttpJson
{
    private const string JsonContentType = "application/json; charset=utf-8";

    /// <returns>The body, or null after answering 400 because it is not valid JSON of the expected shape.</returns>
    public static async Task<T?> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted).ConfigureAwait(false);
            if (body is not null)
            {
                return body;
            }
        }
        catch (JsonException exception)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalidRequest", $"the body is not valid: {exception.Message}").ConfigureAwait(false);
            return null;
        }

        await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalidRequest", "a JSON body is required").ConfigureAwait(false);
        return null;
    }

    public static Task WriteAsync<T>(HttpContext context, int statusCode, T value, JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = JsonContentType;
        return JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext context, int statusCode, string error, string message, TimeSpan? retryAfter = null)
    {
        if (retryAfter is { } delay)
        {
            // Retry-After carries whole seconds; rounding up never invites a caller back too early.
            context.Response.Headers.RetryAfter = ((long)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return WriteAsync(context, statusCode, new ServiceError { Error = error, Message = message }, ServicesJsonContext.Default.ServiceError);
    }

    public static Task TooLargeAsync(HttpContext context, int count, int limit) =>
        WriteErrorAsync(context, StatusCodes.Status400BadRequest, "batchTooLarge", $"a batch of {count} items exceeds the limit of {limit}");
}
