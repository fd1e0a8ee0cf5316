using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RecoFunctions.Sandbox.Recording;

namespace RecoFunctions.Sandbox.Endpoints;

/// <summary>
/// <c>GET /_sandbox/received[?kind=item|campaign]</c>: per (kind, key) the versions that reached the recommender, as JSON
/// Lines streamed key by key (<c>{"kind":"item","key":"art-1","held":7,"versions":[[1,5],[7,7]]}</c>), so that an audit
/// of millions of deliveries neither builds one huge document here nor has to parse one there.
/// </summary>
internal static class ReceivedStream
{
    public const string ContentType = "application/x-ndjson; charset=utf-8";

    private const int FlushEvery = 512;

    public static async Task WriteAsync(HttpContext context, DeliveryRecorder recorder)
    {
        var kind = context.Request.Query["kind"].ToString();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ContentType;
        var body = context.Response.BodyWriter;
        var writer = new Utf8JsonWriter(body);
        await using (writer.ConfigureAwait(false))
        {
            var pending = 0;
            foreach (var received in recorder.EnumerateReceived())
            {
                if (kind.Length > 0 && !string.Equals(kind, received.Kind, StringComparison.Ordinal))
                {
                    continue;
                }

                Write(writer, received);
                writer.Flush();
                writer.Reset();
                body.Write("\n"u8);
                if (++pending == FlushEvery)
                {
                    pending = 0;
                    await body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                }
            }
        }

        await body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static void Write(Utf8JsonWriter writer, ReceivedVersions received)
    {
        writer.WriteStartObject();
        writer.WriteString("kind"u8, received.Kind);
        writer.WriteString("key"u8, received.Key);
        writer.WriteNumber("held"u8, received.HeldVersion);
        writer.WriteStartArray("versions"u8);
        foreach (var range in received.Versions.Ranges)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(range.From);
            writer.WriteNumberValue(range.To);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
