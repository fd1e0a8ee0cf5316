using System.Text;

namespace RecoFunctions.Core.Windowing;

/// <summary>
/// The stored form of one user's window state: a version byte, then the counted event ids (hash, forget-at) and the open
/// windows (name, size, start, totals, events per content). Windows are written in configured order and by start; event
/// ids and contents in the order they were first counted, which a read restores, so a restored state writes the same
/// bytes. Windows whose name and size are no longer configured are dropped on reading.
/// </summary>
internal sealed class UserStateCodec
{
    public const byte Version = 1;

    private readonly WindowSet _set;
    private readonly MemoryStream _buffer = new();
    private readonly BinaryWriter _writer;
    private readonly List<WindowAggregate> _windows = [];

    public UserStateCodec(WindowSet set)
    {
        _set = set;
        _writer = new BinaryWriter(_buffer, Encoding.UTF8, leaveOpen: true);
    }

    public ReadOnlyMemory<byte> Write(UserWindows user)
    {
        _buffer.SetLength(0);
        _writer.Write(Version);
        _writer.Write7BitEncodedInt(user.Seen.Count);
        foreach (var (hash, forgetAt) in user.Seen)
        {
            _writer.Write(hash);
            _writer.Write7BitEncodedInt64(forgetAt);
        }

        _writer.Write7BitEncodedInt(user.Open.Count);
        _windows.Clear();
        _windows.AddRange(user.Open.Values);
        _windows.Sort(static (left, right) => left.Spec.Index != right.Spec.Index
            ? left.Spec.Index.CompareTo(right.Spec.Index)
            : left.StartTicks.CompareTo(right.StartTicks));
        foreach (var aggregate in _windows)
        {
            WriteWindow(aggregate);
        }

        _writer.Flush();
        return _buffer.ToArray();
    }

    public UserWindows Read(string userKey, ReadOnlySpan<byte> bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes.ToArray(), writable: false), Encoding.UTF8);
        try
        {
            return Read(userKey, reader);
        }
        catch (EndOfStreamException exception)
        {
            throw new InvalidDataException($"The window state of user {userKey} is truncated.", exception);
        }
    }

    private UserWindows Read(string userKey, BinaryReader reader)
    {
        var version = reader.ReadByte();
        if (version != Version)
        {
            throw new InvalidDataException($"The window state of user {userKey} has version {version}; this version reads {Version}.");
        }

        var user = new UserWindows(userKey);
        var seen = reader.Read7BitEncodedInt();
        for (var i = 0; i < seen; i++)
        {
            user.MarkSeen(reader.ReadUInt64(), reader.Read7BitEncodedInt64());
        }

        var windows = reader.Read7BitEncodedInt();
        for (var i = 0; i < windows; i++)
        {
            if (ReadWindow(reader) is { } aggregate)
            {
                user.Open[new WindowKey(aggregate.Spec.Index, aggregate.StartTicks)] = aggregate;
            }
        }

        return reader.BaseStream.Position == reader.BaseStream.Length
            ? user
            : throw new InvalidDataException($"The window state of user {userKey} has bytes after its end.");
    }

    private void WriteWindow(WindowAggregate aggregate)
    {
        _writer.Write(aggregate.Spec.Name);
        _writer.Write7BitEncodedInt64(aggregate.Spec.SizeTicks);
        _writer.Write7BitEncodedInt64(aggregate.StartTicks);
        _writer.Write7BitEncodedInt(aggregate.Events);
        _writer.Write7BitEncodedInt(aggregate.Counts.Length);
        foreach (var count in aggregate.Counts)
        {
            _writer.Write7BitEncodedInt(count);
        }

        _writer.Write7BitEncodedInt64(aggregate.TotalDwellMs);
        _writer.Write7BitEncodedInt(aggregate.ContentEvents.Count);
        foreach (var (contentId, events) in aggregate.ContentEvents)
        {
            _writer.Write(contentId);
            _writer.Write7BitEncodedInt(events);
        }
    }

    private WindowAggregate? ReadWindow(BinaryReader reader)
    {
        var name = reader.ReadString();
        var sizeTicks = reader.Read7BitEncodedInt64();
        var startTicks = reader.Read7BitEncodedInt64();
        var spec = _set.Find(name, sizeTicks);
        var aggregate = new WindowAggregate(spec ?? new WindowSpec(-1, name, sizeTicks, sizeTicks), startTicks)
        {
            Events = reader.Read7BitEncodedInt(),
        };
        var kinds = reader.Read7BitEncodedInt();
        for (var kind = 0; kind < kinds; kind++)
        {
            var count = reader.Read7BitEncodedInt();
            if (kind < aggregate.Counts.Length)
            {
                aggregate.Counts[kind] = count;
            }
        }

        aggregate.TotalDwellMs = reader.Read7BitEncodedInt64();
        var contents = reader.Read7BitEncodedInt();
        for (var i = 0; i < contents; i++)
        {
            var contentId = reader.ReadString();
            aggregate.ContentEvents[contentId] = reader.Read7BitEncodedInt();
        }

        return spec is null ? null : aggregate;
    }
}
