using System.Text;
using RecoFunctions.Local.Cli.Shared;

namespace RecoFunctions.Local.Tests.Cli.Shared;

public sealed class JsonLinesReaderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(64)]
    public async Task ReadLine_AnyBufferSizeAndReadSize_SameLines(int size)
    {
        const string text = "{\"a\":1}\r\n\n  \nlast-without-newline";

        var lines = await ReadAll(text, maxLineBytes: 100, initialBufferSize: size, readSize: size);

        Assert.Equal([(1L, "{\"a\":1}", 0L), (2L, "", 0L), (3L, "  ", 0L), (4L, "last-without-newline", 0L)], lines);
    }

    [Fact]
    public async Task ReadLine_FinalLineEnding_DoesNotStartAnotherLine()
    {
        Assert.Equal([(1L, "a", 0L)], await ReadAll("a\n", maxLineBytes: 10));
        Assert.Empty(await ReadAll(string.Empty, maxLineBytes: 10));
        Assert.Equal([(1L, "", 0L)], await ReadAll("\n", maxLineBytes: 10));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(1000)]
    public async Task ReadLine_LineLongerThanTheLimit_IsCountedAndSkipped(int readSize)
    {
        var text = $"ok\n{new string('x', 25)}\r\nnext\n{new string('y', 11)}";

        var lines = await ReadAll(text, maxLineBytes: 8, initialBufferSize: 4, readSize: readSize);

        Assert.Equal([(1L, "ok", 0L), (2L, "", 25L), (3L, "next", 0L), (4L, "", 11L)], lines);
    }

    [Fact]
    public async Task ReadLine_LinesAtTheLimit_AreReturnedWhole()
    {
        // The limit is checked by intake; the reader hands over up to one byte more so that the verdict can say how long it was.
        var text = "12345678\r\n123456789\n1234567890\n";

        var lines = await ReadAll(text, maxLineBytes: 8, initialBufferSize: 2, readSize: 3);

        Assert.Equal([(1L, "12345678", 0L), (2L, "123456789", 0L), (3L, "", 10L)], lines);
    }

    [Fact]
    public async Task ReadLine_HugeLine_BufferStaysBoundedByTheLimit()
    {
        var stream = new MemoryStream(Encoding.UTF8.GetBytes(new string('z', 3_000_000) + "\nafter\n"));
        var reader = new JsonLinesReader(stream, maxLineBytes: 1000);

        var huge = await reader.ReadLineAsync(CancellationToken.None);
        var after = await reader.ReadLineAsync(CancellationToken.None);

        Assert.Equal(3_000_000, huge!.Value.OversizedLength);
        Assert.Equal("after", Encoding.UTF8.GetString(after!.Value.Value.Span));
        Assert.True(reader.BufferSize <= 1002, $"buffer grew to {reader.BufferSize} bytes");
    }

    [Fact]
    public async Task HasBufferedLine_TellsWhetherTheNextLineNeedsARead()
    {
        var reader = new JsonLinesReader(new MemoryStream("a\nb\nc"u8.ToArray()), maxLineBytes: 10);

        await reader.ReadLineAsync(CancellationToken.None);

        Assert.True(reader.HasBufferedLine);
        await reader.ReadLineAsync(CancellationToken.None);
        Assert.False(reader.HasBufferedLine);
    }

    private static async Task<List<(long Number, string Text, long Oversized)>> ReadAll(string text, int maxLineBytes, int initialBufferSize = 64, int readSize = 4096)
    {
        var reader = new JsonLinesReader(new TrickleStream(Encoding.UTF8.GetBytes(text), readSize), maxLineBytes, initialBufferSize);
        var lines = new List<(long, string, long)>();
        while (await reader.ReadLineAsync(CancellationToken.None) is { } line)
        {
            lines.Add((line.Number, Encoding.UTF8.GetString(line.Value.Span), line.OversizedLength));
        }

        return lines;
    }

    /// <summary>Hands out at most a few bytes per read, like a pipe under a slow producer.</summary>
    private sealed class TrickleStream(byte[] data, int readSize) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, readSize));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, readSize)], cancellationToken);
    }
}
