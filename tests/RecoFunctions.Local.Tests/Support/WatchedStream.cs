using System.Text;

namespace RecoFunctions.Local.Tests.Support;

/// <summary>A write-only stream that keeps what is written and lets a test wait for a line, for commands that run until stopped.</summary>
internal sealed class WatchedStream : Stream
{
    private readonly Lock _gate = new();
    private readonly MemoryStream _content = new();
    private readonly List<(string Prefix, TaskCompletionSource<string> Line)> _waiters = [];

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return Encoding.UTF8.GetString(_content.ToArray());
            }
        }
    }

    public Task<string> LineStartingWithAsync(string prefix)
    {
        var waiter = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiters.Add((prefix, waiter));
        }

        Notify();
        return waiter.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        lock (_gate)
        {
            _content.Write(buffer, offset, count);
        }

        Notify();
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void Notify()
    {
        var lines = Text.Split('\n');
        lock (_gate)
        {
            foreach (var (prefix, line) in _waiters)
            {
                // Only whole lines: the last piece may still be growing.
                if (lines[..^1].FirstOrDefault(candidate => candidate.StartsWith(prefix, StringComparison.Ordinal)) is { } found)
                {
                    line.TrySetResult(found.TrimEnd('\r'));
                }
            }

            _waiters.RemoveAll(waiter => waiter.Line.Task.IsCompleted);
        }
    }
}
