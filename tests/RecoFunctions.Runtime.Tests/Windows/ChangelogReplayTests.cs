using RecoFunctions.Core.Windowing;
using RecoFunctions.Runtime.Windows;

namespace RecoFunctions.Runtime.Tests.Windows;

public sealed class ChangelogReplayTests
{
    private static readonly DateTimeOffset Watermark = new(2026, 12, 7, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_UsersWithoutCheckpointAfterThem_LeavesThemOut()
    {
        var replay = new ChangelogReplay(completeLog: true);
        User(replay, "a", 1);
        Checkpoint(replay, 10);
        User(replay, "a", 2);
        User(replay, "b", 3);

        var state = replay.State!;

        Assert.True(replay.HasIncompleteTail);
        Assert.Equal(10, state.Checkpoint!.NextOffset);
        Assert.Equal(new byte[] { 1 }, Assert.Single(state.Users).Value.ToArray());
    }

    [Fact]
    public void Apply_Tombstone_RemovesUserAtCheckpoint()
    {
        var replay = new ChangelogReplay(completeLog: true);
        User(replay, "a", 1);
        User(replay, "b", 2);
        Checkpoint(replay, 3);
        replay.Apply(ChangelogCodec.UserKey("a"), null);
        Checkpoint(replay, 4);

        Assert.False(replay.HasIncompleteTail);
        Assert.Equal(["b"], replay.State!.Users.Keys);
    }

    [Fact]
    public void Apply_CompletedSnapshot_ReplacesEverythingBefore()
    {
        var replay = new ChangelogReplay(completeLog: true);
        User(replay, "gone", 1);
        Checkpoint(replay, 5);
        replay.Apply(ChangelogCodec.SnapshotKey, ChangelogCodec.SnapshotValue);
        User(replay, "kept", 2);
        Checkpoint(replay, 9);

        Assert.Equal(["kept"], replay.State!.Users.Keys);
    }

    [Fact]
    public void Apply_SnapshotCutShort_KeepsStateBeforeIt()
    {
        var replay = new ChangelogReplay(completeLog: true);
        User(replay, "a", 1);
        User(replay, "b", 2);
        Checkpoint(replay, 5);
        replay.Apply(ChangelogCodec.SnapshotKey, ChangelogCodec.SnapshotValue);
        User(replay, "a", 7);

        Assert.True(replay.HasIncompleteTail);
        Assert.Equal(["a", "b"], replay.State!.Users.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new byte[] { 1 }, replay.State.Users["a"].ToArray());
    }

    [Fact]
    public void Apply_PartialLog_StartsAtFirstCompletedSnapshot()
    {
        var replay = new ChangelogReplay(completeLog: false);
        User(replay, "delta", 1);
        Checkpoint(replay, 5);
        replay.Apply(ChangelogCodec.SnapshotKey, ChangelogCodec.SnapshotValue);
        User(replay, "a", 2);
        Checkpoint(replay, 8);
        User(replay, "b", 3);
        Checkpoint(replay, 9);

        var state = replay.State!;

        Assert.Equal(9, state.Checkpoint!.NextOffset);
        Assert.Equal(["a", "b"], state.Users.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void State_PartialLogWithoutCompletedSnapshot_IsNull()
    {
        var replay = new ChangelogReplay(completeLog: false);
        User(replay, "a", 1);
        Checkpoint(replay, 5);
        replay.Apply(ChangelogCodec.SnapshotKey, ChangelogCodec.SnapshotValue);
        User(replay, "a", 2);

        Assert.Null(replay.State);
    }

    [Fact]
    public void DecodeCheckpoint_Encoded_RoundTripsOffsetAndWatermarkWithItsOffset()
    {
        var checkpoint = new PartitionCheckpoint(123_456_789_012, new DateTimeOffset(2026, 12, 7, 3, 4, 5, 678, TimeSpan.FromHours(2)));

        var decoded = ChangelogCodec.DecodeCheckpoint(ChangelogCodec.EncodeCheckpoint(checkpoint));

        Assert.Equal(checkpoint.NextOffset, decoded.NextOffset);
        Assert.Equal(checkpoint.Watermark, decoded.Watermark);
        Assert.Equal(checkpoint.Watermark.Offset, decoded.Watermark.Offset);
    }

    [Fact]
    public void DecodeCheckpoint_UnknownVersion_ThrowsInvalidData()
    {
        var value = ChangelogCodec.EncodeCheckpoint(new PartitionCheckpoint(1, Watermark));
        value[0] = 99;

        Assert.Throws<InvalidDataException>(() => ChangelogCodec.DecodeCheckpoint(value));
    }

    private static void User(ChangelogReplay replay, string user, byte state) => replay.Apply(ChangelogCodec.UserKey(user), [state]);

    private static void Checkpoint(ChangelogReplay replay, long nextOffset) =>
        replay.Apply(ChangelogCodec.CheckpointKey, ChangelogCodec.EncodeCheckpoint(new PartitionCheckpoint(nextOffset, Watermark)));
}
