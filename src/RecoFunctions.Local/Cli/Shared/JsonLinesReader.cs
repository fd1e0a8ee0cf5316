namespace RecoFunctions.Local.Cli.Shared;

/// <summary>
/// Reads a stream line by line with memory bounded by the longest acceptable line: a longer line is counted and skipped,
/// never buffered whole, so a 10 MB line costs no more memory than a 1 MB one. Lines end with LF or CRLF.
/// </summary>
internal sealed class JsonLinesReader
{
    private const int DefaultBufferSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly int _maxLineBytes;
    private readonly int _capacity;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _endOfStream;
    private long _lineNumber;

    public JsonLinesReader(Stream stream, int maxLineBytes, int initialBufferSize = DefaultBufferSize)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(initialBufferSize, 1);
        _stream = stream;
        _maxLineBytes = maxLineBytes;

        // Room for the longest acceptable line, its CR and one byte more: enough to tell that a line is too long.
        _capacity = maxLineBytes + 2;
        _buffer = new byte[Math.Min(initialBufferSize, _capacity)];
    }

    /// <summary>The memory the reader holds; never more than the longest acceptable line plus two bytes.</summary>
    internal int BufferSize => _buffer.Length;

    /// <summary>True while lines can be returned without reading the stream (and so without waiting).</summary>
    public bool HasBufferedLine => _buffer.AsSpan(_start, _end - _start).Contains((byte)'\n');

    /// <returns>The next line, or null at the end of the stream. A final line without a line ending counts.</returns>
    public async ValueTask<JsonLine?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var scanFrom = _start;
        while (true)
        {
            var newline = _buffer.AsSpan(scanFrom, _end - scanFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineEnd = scanFrom + newline;
                var line = TrimCarriageReturn(_buffer.AsMemory(_start, lineEnd - _start));
                _start = lineEnd + 1;
                return new JsonLine(++_lineNumber, line, 0);
            }

            if (_end - _start > _maxLineBytes + 1)
            {
                return await SkipOversizedLineAsync(cancellationToken).ConfigureAwait(false);
            }

            if (_endOfStream)
            {
                if (_start == _end)
                {
                    return null;
                }

                var last = TrimCarriageReturn(_buffer.AsMemory(_start, _end - _start));
                _start = _end;
                return new JsonLine(++_lineNumber, last, 0);
            }

            scanFrom = _end;
            MakeRoom(ref scanFrom);
            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void MakeRoom(ref int scanFrom)
    {
        if (_start > 0)
        {
            var pending = _end - _start;
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
            scanFrom -= _start;
            _start = 0;
            _end = pending;
        }

        if (_end == _buffer.Length && _buffer.Length < _capacity)
        {
            Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, _capacity));
        }
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            _endOfStream = true;
        }

        _end += read;
    }

    /// <summary>Counts the rest of a too-long line while reusing the buffer, then resumes after its line ending.</summary>
    private async ValueTask<JsonLine?> SkipOversizedLineAsync(CancellationToken cancellationToken)
    {
        long length = _end - _start;
        var last = _buffer[_end - 1];
        _start = _end = 0;
        while (true)
        {
            await FillAsync(cancellationToken).ConfigureAwait(false);
            if (_end == 0)
            {
                return new JsonLine(++_lineNumber, ReadOnlyMemory<byte>.Empty, length);
            }

            var newline = _buffer.AsSpan(0, _end).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                if (newline > 0)
                {
                    last = _buffer[newline - 1];
                }

                length += newline - (last == (byte)'\r' ? 1 : 0);
                _start = newline + 1;
                return new JsonLine(++_lineNumber, ReadOnlyMemory<byte>.Empty, length);
            }

            length += _end;
            last = _buffer[_end - 1];
            _end = 0;
        }
    }

    private static ReadOnlyMemory<byte> TrimCarriageReturn(ReadOnlyMemory<byte> line) =>
        !line.IsEmpty && line.Span[^1] == (byte)'\r' ? line[..^1] : line;
}
