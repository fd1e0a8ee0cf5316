using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Windowing;
using static RecoFunctions.Core.Tests.Windowing.Interactions;

namespace RecoFunctions.Core.Tests.Windowing;

public sealed class UserStateCodecTests
{
    [Fact]
    public void Restore_SavedState_ClosesTheSameWindowsAsTheOriginal()
    {
        var options = Options(TimeSpan.FromMinutes(1));
        var original = NewWindows(options);
        original.Add(Event(At(10, 1), kind: InteractionKind.Play, dwellMs: 900));
        original.Add(Event(At(10, 2), content: "c2", kind: InteractionKind.Like));
        var restored = PartitionWindows.Restore(WindowSet.From(options), options, Saved(original.TakeChanges(2)));

        foreach (var windows in new[] { original, restored })
        {
            windows.Add(Event(At(10, 3), id: "late-enough"));
            windows.Add(Event(At(10, 1), kind: InteractionKind.Play, dwellMs: 900));
            windows.Add(Event(At(30, 0), user: "other"));
        }

        Assert.Equal(original.TakeClosed().Select(Describe), restored.TakeClosed().Select(Describe));
        Assert.Equal(original.Watermark, restored.Watermark);
    }

    [Fact]
    public void Write_RestoredState_GivesTheSameBytes()
    {
        var options = Options(TimeSpan.Zero);
        var windows = NewWindows(options);
        windows.Add(Event(At(10, 1), content: "b"));
        windows.Add(Event(At(10, 0), content: "a"));
        var saved = windows.TakeChanges(2);
        var codec = new UserStateCodec(WindowSet.From(options));

        var again = codec.Write(codec.Read("u1", saved.Users[0].State!.Value.Span));

        Assert.Equal(saved.Users[0].State!.Value.ToArray(), again.ToArray());
    }

    [Fact]
    public void Read_UnknownVersion_FailsNamingUserAndVersion()
    {
        var codec = new UserStateCodec(WindowSet.From(Options(TimeSpan.Zero)));

        var error = Assert.Throws<InvalidDataException>(() => codec.Read("u7", [9, 0, 0]));

        Assert.Equal("The window state of user u7 has version 9; this version reads 1.", error.Message);
    }

    [Fact]
    public void Read_TruncatedState_FailsAsTruncated()
    {
        var options = Options(TimeSpan.Zero);
        var windows = NewWindows(options);
        windows.Add(Event(At(10, 1)));
        var truncated = windows.TakeChanges(1).Users[0].State!.Value[..^3].ToArray();
        var codec = new UserStateCodec(WindowSet.From(options));

        var error = Assert.Throws<InvalidDataException>(() => codec.Read("u1", truncated));

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PanesOfAnotherPaneSize_AreDroppedAndCountedIdsKept()
    {
        var before = Options(TimeSpan.Zero, Tumbling("5m", TimeSpan.FromMinutes(5)), Tumbling("1d", TimeSpan.FromDays(1)));
        var windows = NewWindows(before);
        windows.Add(Event(At(10, 1)));
        var bytes = windows.TakeChanges(1).Users[0].State!.Value;

        var user = new UserStateCodec(WindowSet.From(Options(TimeSpan.Zero, Tumbling("1d", TimeSpan.FromDays(1))))).Read("u1", bytes.Span);

        Assert.Empty(user.Panes);
        Assert.Single(user.Seen);
    }

    [Fact]
    public void Write_EventInSlidingWindows_IsStoredOnce()
    {
        var options = Options(TimeSpan.Zero, Sliding("1h", TimeSpan.FromHours(1), TimeSpan.FromMinutes(5)));
        var windows = NewWindows(options);
        windows.Add(Event(At(10, 1), content: "content-that-is-stored-once"));

        var bytes = windows.TakeChanges(1).Users[0].State!.Value.ToArray();

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.UTF8.GetString(bytes), "content-that-is-stored-once"));
    }

    private static PartitionWindowState Saved(WindowStateChanges changes) =>
        new(changes.Checkpoint, changes.Users.ToDictionary(user => user.UserKey, user => user.State!.Value));
}
