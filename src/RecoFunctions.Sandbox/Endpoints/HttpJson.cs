using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
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
        var body = context.Request.BodyReader;
        var read = await ReadToEndAsync(body, context.RequestAborted).ConfigureAwait(false);
        T? value;
        try
        {
            value = Read(read.Buffer, type);
        }
        catch (JsonException exception)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalidRequest", $"the body is not valid: {exception.Message}").ConfigureAwait(false);
            return null;
        }
        finally
        {
            body.AdvanceTo(read.Buffer.End);
        }

        if (value is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalidRequest", "a JSON body is required").ConfigureAwait(false);
        }

        return value;
    }

    /// <summary>Serialises straight into the response's pipe (the source-generated fast path), then flushes once.</summary>
    public static Task WriteAsync<T>(HttpContext context, int statusCode, T value, JsonTypeInfo<T> type) =>
        WriteAsync(context, statusCode, (value, type), static (writer, answer) => JsonSerializer.Serialize(writer, answer.value, answer.type), type.Options);

    /// <summary>Writes an answer with <paramref name="write"/> straight into the response's pipe, then flushes once.</summary>
    /// <param name="context">The call.</param>
    /// <param name="statusCode">The answer's status.</param>
    /// <param name="state">What <paramref name="write"/> writes.</param>
    /// <param name="write">Writes the JSON document.</param>
    /// <param name="options">Whose writer options (encoder, indentation) to write with, as the serializer would.</param>
    public static async Task WriteAsync<TState>(HttpContext context, int statusCode, TState state, Action<Utf8JsonWriter, TState> write, JsonSerializerOptions options)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = JsonContentType;
        var body = context.Response.BodyWriter;
        var writer = new Utf8JsonWriter(body, WriterOptions(options));
        await using (writer.ConfigureAwait(false))
        {
            write(writer, state);
        }

        await body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
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

    /// <summary>
    /// Buffers the whole body in the pipe's pooled segments (no copy into a stream or string): deserialising a complete
    /// buffer takes the serializer's synchronous fast path rather than its resumable streaming one.
    /// </summary>
    private static async Task<ReadResult> ReadToEndAsync(PipeReader body, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await body.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (read.IsCompleted || read.IsCanceled)
            {
                return read;
            }

            body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    /// <summary>
    /// Reads one complete JSON document, exactly as from a whole stream; a body spread over several of the pipe's
    /// segments is first copied into one pooled buffer, which costs far less than reading across segments.
    /// </summary>
    /// <exception cref="JsonException">Not JSON of the expected shape, or more than one value.</exception>
    private static T? Read<T>(ReadOnlySequence<byte> utf8, JsonTypeInfo<T> type)
    {
        if (utf8.IsSingleSegment)
        {
            return JsonSerializer.Deserialize(utf8.FirstSpan, type);
        }

        var length = checked((int)utf8.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            utf8.CopyTo(buffer);
            return JsonSerializer.Deserialize(buffer.AsSpan(0, length), type);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static JsonWriterOptions WriterOptions(JsonSerializerOptions options) => new()
    {
        Encoder = options.Encoder,
        Indented = options.WriteIndented,
        MaxDepth = options.MaxDepth,
        SkipValidation = true,
    };
}
