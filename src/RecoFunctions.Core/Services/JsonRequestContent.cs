using System.Buffers;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RecoFunctions.Core.Services;

/// <summary>
/// A JSON request body serialised once, with the source-generated metadata, into pooled memory: sent with a
/// Content-Length, resent as is when the resilience pipeline retries, and the memory returned when the request is disposed.
/// </summary>
internal sealed class JsonRequestContent : HttpContent
{
    private const string ContentType = "application/json; charset=utf-8";
    private const int MinimumBuffer = 4096;

    private readonly int _length;
    private byte[]? _buffer;

    private JsonRequestContent(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;

        // Added as text: a parsed media type would be built and formatted again for every request.
        Headers.TryAddWithoutValidation("Content-Type", ContentType);
    }

    public static JsonRequestContent Create<T>(T value, JsonTypeInfo<T> type)
    {
        var output = new RentedBufferWriter(Math.Max(SizeHint<T>.Bytes, MinimumBuffer));
        try
        {
            using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = type.Options.Encoder, Indented = type.Options.WriteIndented, SkipValidation = true }))
            {
                JsonSerializer.Serialize(writer, value, type);
            }

            // The next body of this type likely has a similar size: starting there saves growing the buffer step by step.
            SizeHint<T>.Bytes = output.WrittenCount;
            var length = output.WrittenCount;
            return new JsonRequestContent(output.Detach(), length);
        }
        finally
        {
            output.Release();
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(Body(), CancellationToken.None).AsTask();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(Body(), cancellationToken).AsTask();

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.Write(Body().Span);

    protected override Task<Stream> CreateContentReadStreamAsync() =>
        Task.FromResult<Stream>(new MemoryStream(_buffer ?? throw Disposed(), 0, _length, writable: false));

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        base.Dispose(disposing);
    }

    private ReadOnlyMemory<byte> Body() => (_buffer ?? throw Disposed()).AsMemory(0, _length);

    private ObjectDisposedException Disposed() => new(GetType().FullName);

    private static class SizeHint<T>
    {
        public static int Bytes = MinimumBuffer;
    }
}
