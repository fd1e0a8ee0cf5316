using System.Buffers.Binary;
using System.Text;
using RecoFunctions.Core.Windowing;

namespace RecoFunctions.Runtime.Windows;

/// <summary>
/// Keys and values of a window-state changelog partition: one record per user (<c>u/</c> + the pseudonymised key, the
/// user's serialised state, null when the user has no open window left), the checkpoint that completes a save, and the
/// marker that opens a full snapshot. A compacted topic keeps the latest of each key, which is all a restore needs.
/// </summary>
internal static class ChangelogCodec
{
    private const byte CheckpointVersion = 1;
    private const int CheckpointLength = 1 + 8 + 8 + 2;
    private const string UserPrefix = "u/";

    public static byte[] CheckpointKey { get; } = Encoding.UTF8.GetBytes("~checkpoint");

    public static byte[] SnapshotKey { get; } = Encoding.UTF8.GetBytes("~snapshot");

    /// <summary>A non-null value, so that compaction never treats the marker as a deletion.</summary>
    public static byte[] SnapshotValue { get; } = [1];

    public static byte[] UserKey(string userKey) => Encoding.UTF8.GetBytes(UserPrefix + userKey);

    public static ChangelogKeyKind KindOf(ReadOnlySpan<byte> key, out string? userKey)
    {
        userKey = null;
        if (key.SequenceEqual(CheckpointKey))
        {
            return ChangelogKeyKind.Checkpoint;
        }

        if (key.SequenceEqual(SnapshotKey))
        {
            return ChangelogKeyKind.Snapshot;
        }

        if (key.StartsWith("u/"u8))
        {
            userKey = Encoding.UTF8.GetString(key[UserPrefix.Length..]);
            return ChangelogKeyKind.User;
        }

        return ChangelogKeyKind.Unknown;
    }

    public static byte[] EncodeCheckpoint(PartitionCheckpoint checkpoint)
    {
        var value = new byte[CheckpointLength];
        value[0] = CheckpointVersion;
        BinaryPrimitives.WriteInt64BigEndian(value.AsSpan(1), checkpoint.NextOffset);
        BinaryPrimitives.WriteInt64BigEndian(value.AsSpan(9), checkpoint.Watermark.UtcTicks);
        BinaryPrimitives.WriteInt16BigEndian(value.AsSpan(17), (short)checkpoint.Watermark.Offset.TotalMinutes);
        return value;
    }

    /// <exception cref="InvalidDataException">The value is not a checkpoint this version writes.</exception>
    public static PartitionCheckpoint DecodeCheckpoint(ReadOnlySpan<byte> value)
    {
        if (value.Length != CheckpointLength || value[0] != CheckpointVersion)
        {
            throw new InvalidDataException($"A changelog checkpoint has version {(value.Length > 0 ? value[0] : -1)} and {value.Length} bytes; version {CheckpointVersion} has {CheckpointLength}.");
        }

        var nextOffset = BinaryPrimitives.ReadInt64BigEndian(value[1..]);
        var utcTicks = BinaryPrimitives.ReadInt64BigEndian(value[9..]);
        var offset = TimeSpan.FromMinutes(BinaryPrimitives.ReadInt16BigEndian(value[17..]));
        return new PartitionCheckpoint(nextOffset, new DateTimeOffset(utcTicks + offset.Ticks, offset));
    }
}
