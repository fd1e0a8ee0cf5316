using System.Text;

namespace RecoFunctions.Core.Windowing;

/// <summary>
/// The stored form of one user's window state: a version byte, the pane size, the counted event ids (hash, forget-at)
/// and the panes (start, distinct events, per kind, dwell, events per content). Open windows are not stored: they follow
/// from the panes and the checkpoint's watermark. Entries are written in the order first counted, which a read restores,
/// so a restored state writes the same bytes. Panes of another pane size (the windows' configuration changed) are
/// dropped on reading.
/// </summary>
internal sealed class UserStateCodec
{
    public const byte Version = 1;

    private readonly WindowSet _set;
    private readonly MemoryStream _buffer = new();
    private readonly BinaryWriter _writer;

    public UserStateCodec(WindowSet set)
    {
        _set = set;
        _writer = new BinaryWriter(_buffer, Encoding.UTF8, leaveOpen: true);
    }

    public ReadOnlyMemory<byte> Write(UserWindows user)
    {
        _buffer.SetLength(0);
        _writer.Write(Version);
        _writer.Write7BitEncodedInt64(_set.PaneTicks);
        _writer.Write7BitEncodedInt(user.Seen.Count);
        foreach (var (hash, forgetAt) in user.Seen)
        {
            _writer.Write(hash);
            _writer.Write7BitEncodedInt64(forgetAt);
        }

        _writer.Write7BitEncodedInt(user.Panes.Count);
        foreach (var (paneStart, pane) in user.Panes)
        {
            _writer.Write7BitEncodedInt64(paneStart);
            WriteTotals(pane);
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

        var paneTicks = reader.Read7BitEncodedInt64();
        var user = new UserWindows(userKey, _set);
        var seen = reader.Read7BitEncodedInt();
        for (var i = 0; i < seen; i++)
        {
            user.MarkSeen(reader.ReadUInt64(), reader.Read7BitEncodedInt64());
        }

        var panes = reader.Read7BitEncodedInt();
        for (var i = 0; i < panes; i++)
        {
            var paneStart = reader.Read7BitEncodedInt64();
            var pane = ReadTotals(reader);
            if (paneTicks == _set.PaneTicks)
            {
                user.AddPane(paneStart, pane);
            }
        }

        return reader.BaseStream.Position == reader.BaseStream.Length
            ? user
            : throw new InvalidDataException($"The window state of user {userKey} has bytes after its end.");
    }

    private void WriteTotals(WindowTotals totals)
    {
        _writer.Write7BitEncodedInt(totals.Events);
        _writer.Write7BitEncodedInt(totals.Counts.Length);
        foreach (var count in totals.Counts)
        {
            _writer.Write7BitEncodedInt(count);
        }

        _writer.Write7BitEncodedInt64(totals.TotalDwellMs);
        _writer.Write7BitEncodedInt(totals.ContentEvents.Count);
        foreach (var (contentId, events) in totals.ContentEvents)
        {
            _writer.Write(contentId);
            _writer.Write7BitEncodedInt(events);
        }
    }

    private static WindowTotals ReadTotals(BinaryReader reader)
    {
        var totals = new WindowTotals { Events = reader.Read7BitEncodedInt() };
        var kinds = reader.Read7BitEncodedInt();
        for (var kind = 0; kind < kinds; kind++)
        {
            var count = reader.Read7BitEncodedInt();
            if (kind < totals.Counts.Length)
            {
                totals.Counts[kind] = count;
            }
        }

        totals.TotalDwellMs = reader.Read7BitEncodedInt64();
        var contents = reader.Read7BitEncodedInt();
        for (var i = 0; i < contents; i++)
        {
            var contentId = reader.ReadString();
            totals.ContentEvents[contentId] = reader.Read7BitEncodedInt();
        }

        return totals;
    }
}
