using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Windowing;
using static RecoFunctions.Core.Tests.Windowing.Interactions;

namespace RecoFunctions.Core.Tests.Windowing;

public sealed class PartitionWindowsTests
{
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    [Fact]
    public void TakeClosed_EventAtWindowEnd_BelongsToTheNextTumblingWindow()
    {
        var windows = NewWindows(Options(TimeSpan.Zero, Tumbling("5m", FiveMinutes)));
        windows.Add(Event(At(10, 0)));
        windows.Add(Event(At(10, 4, 59.999)));

        windows.Add(Event(At(10, 5)));
        var first = Assert.Single(windows.TakeClosed());
        windows.Add(Event(At(10, 10)));
        var second = Assert.Single(windows.TakeClosed());

        Assert.Equal((At(10, 0), At(10, 5), 2), (first.Start, first.End, first.Events));
        Assert.Equal((At(10, 5), At(10, 10), 1), (second.Start, second.End, second.Events));
    }

    [Fact]
    public void TakeClosed_WatermarkShortOfEndPlusLateness_KeepsTheWindowOpen()
    {
        var windows = NewWindows(Options(TimeSpan.FromMinutes(1), Tumbling("5m", FiveMinutes)));
        windows.Add(Event(At(10, 1)));

        windows.Add(Event(At(10, 5, 59.999)));
        var beforeLateness = windows.TakeClosed();
        windows.Add(Event(At(10, 6)));

        Assert.Empty(beforeLateness);
        Assert.Equal(At(10, 0), Assert.Single(windows.TakeClosed()).Start);
    }

    [Fact]
    public void TakeClosed_SlidingWindow_CountsTheEventInEveryWindowCoveringIt()
    {
        var windows = NewWindows(Options(TimeSpan.Zero, Sliding("1h", TimeSpan.FromHours(1), FiveMinutes)));
        windows.Add(Event(At(10, 7)));

        windows.Add(Event(At(12, 0), user: "other"));
        var closed = windows.TakeClosed().Where(window => window.UserKey == "u1").ToList();

        Assert.Equal(Enumerable.Range(0, 12).Select(i => At(9, 10).AddMinutes(5 * i)), closed.Select(window => window.Start));
        Assert.All(closed, window => Assert.Equal((1, window.Start.AddHours(1)), (window.Events, window.End)));
    }

    [Fact]
    public void TakeClosed_DailyWindow_SplitsAtMidnightUtc()
    {
        var windows = NewWindows(Options(TimeSpan.Zero, Tumbling("1d", TimeSpan.FromDays(1))));
        windows.Add(Event(At(23, 59, 59.999)));
        windows.Add(Event(At(24, 0)));

        windows.Add(Event(At(48, 0), user: "other"));
        var closed = windows.TakeClosed().Where(window => window.UserKey == "u1").ToList();

        Assert.Equal([Day, Day.AddDays(1)], closed.Select(window => window.Start));
        Assert.All(closed, window => Assert.Equal(1, window.Events));
    }

    [Fact]
    public void Add_EventWhoseWindowsAllClosed_IsLateWithAWindowFailure()
    {
        var windows = NewWindows(Options(TimeSpan.FromMinutes(1), Tumbling("5m", FiveMinutes)));
        windows.Add(Event(At(10, 0)));
        windows.Add(Event(At(10, 10)));

        var result = windows.Add(Event(At(10, 3)));

        Assert.Equal(AddOutcome.Late, result.Outcome);
        Assert.Equal((DeadLetterStage.Window, "late"), (result.Failure!.Stage, result.Failure.Source));
        Assert.Contains("Windowing:AllowedLateness", result.Failure.Detail, StringComparison.Ordinal);
        Assert.Equal(1, windows.TakeClosed().Single(window => window.Start == At(10, 0)).Events);
    }

    [Fact]
    public void Add_OutOfOrderWithinLateness_IsCountedInItsWindow()
    {
        var windows = NewWindows(Options(TimeSpan.FromMinutes(1), Tumbling("5m", FiveMinutes)));
        windows.Add(Event(At(10, 5, 30)));

        var result = windows.Add(Event(At(10, 4)));
        windows.Add(Event(At(10, 20)));

        Assert.Equal(AddOutcome.Added, result.Outcome);
        Assert.Equal([(At(10, 0), 1), (At(10, 5), 1)], windows.TakeClosed().Where(w => w.Start < At(10, 20)).Select(w => (w.Start, w.Events)));
    }

    [Fact]
    public void Add_SomeOfItsWindowsClosed_CountsOnlyInTheOpenOnes()
    {
        var windows = NewWindows(Options(TimeSpan.Zero));
        windows.Add(Event(At(10, 2), id: "a"));
        windows.Add(Event(At(10, 6), id: "b"));

        var result = windows.Add(Event(At(10, 3), id: "c"));
        windows.Add(Event(At(36, 0), user: "other"));
        var closed = windows.TakeClosed().Where(window => window.UserKey == "u1").ToList();

        Assert.Equal(AddOutcome.Added, result.Outcome);
        Assert.Equal(1, closed.Single(w => w.Window == "5m" && w.Start == At(10, 0)).Events);
        Assert.Equal(1, closed.Single(w => w.Window == "1h" && w.Start == At(9, 5)).Events);
        Assert.Equal(3, closed.Single(w => w.Window == "1h" && w.Start == At(9, 10)).Events);
        Assert.Equal(3, closed.Single(w => w.Window == "1d").Events);
    }

    [Fact]
    public void Add_SameEventIdTwice_CountsOnce()
    {
        var windows = NewWindows(Options(TimeSpan.Zero, Tumbling("5m", FiveMinutes)));
        windows.Add(Event(At(10, 1), id: "e1"));

        var exact = windows.Add(Event(At(10, 1), id: "e1"));
        var moved = windows.Add(Event(At(10, 2), content: "c2", id: "e1"));
        windows.Add(Event(At(10, 5), user: "other"));

        Assert.Equal((AddOutcome.Duplicate, AddOutcome.Duplicate), (exact.Outcome, moved.Outcome));
        var closed = windows.TakeClosed().Single(window => window.UserKey == "u1");
        Assert.Equal((1, 1), (closed.Events, closed.ContentEvents["c1"]));
    }

    [Fact]
    public void Add_DuplicateAfterItsWindowsClosed_IsLate()
    {
        var windows = NewWindows(Options(TimeSpan.Zero, Tumbling("5m", FiveMinutes)));
        windows.Add(Event(At(10, 1), id: "e1"));
        windows.Add(Event(At(10, 5), id: "e2"));

        // The same outcome whether or not the closed window was taken in between.
        var untaken = windows.Add(Event(At(10, 1), id: "e1"));
        windows.TakeClosed();
        var taken = windows.Add(Event(At(10, 1), id: "e1"));

        Assert.Equal((AddOutcome.Late, AddOutcome.Late), (untaken.Outcome, taken.Outcome));
    }

    [Fact]
    public void TakeClosed_MixedEvents_TotalsKindsContentsAndDwell()
    {
        var windows = NewWindows(Options(TimeSpan.Zero, Tumbling("5m", FiveMinutes)));
        windows.Add(Event(At(10, 0), kind: InteractionKind.View));
        windows.Add(Event(At(10, 1), kind: InteractionKind.Click));
        windows.Add(Event(At(10, 2), kind: InteractionKind.Dwell, dwellMs: 1500));
        windows.Add(Event(At(10, 3), content: "c2", kind: InteractionKind.View, dwellMs: 250));

        windows.Add(Event(At(10, 5), user: "other"));
        var closed = windows.TakeClosed().Single(window => window.UserKey == "u1");

        Assert.Equal(
            "u1 5m 2026-11-21T10:00:00.0000000+00:00-2026-11-21T10:05:00.0000000+00:00 events=4 counts=[view:2,click:1,dwell:1] contents=[c1:3,c2:1] dwell=1750",
            Describe(closed));
    }

    [Fact]
    public void TakeClosed_ManyUsersAndWindows_OrdersByEndThenWindowThenUserThenStart()
    {
        var windows = NewWindows(Options(TimeSpan.Zero, Tumbling("10m", TimeSpan.FromMinutes(10)), Tumbling("5m", FiveMinutes)));
        windows.Add(Event(At(10, 1), user: "c"));
        windows.Add(Event(At(10, 2), user: "a"));
        windows.Add(Event(At(10, 6), user: "b"));

        windows.Add(Event(At(11, 0), user: "z"));
        var closed = windows.TakeClosed().Where(window => window.UserKey != "z").Select(window => $"{window.End:HH:mm} {window.Window} {window.UserKey}");

        Assert.Equal(["10:05 5m a", "10:05 5m c", "10:10 10m a", "10:10 10m b", "10:10 10m c", "10:10 5m b"], closed);
    }

    [Fact]
    public void Add_UserBeyondMaxUsers_IsRefusedUntilOthersWindowsClose()
    {
        var options = Options(TimeSpan.Zero, Tumbling("5m", FiveMinutes));
        options.MaxUsersPerPartition = 2;
        var windows = NewWindows(options);
        windows.Add(Event(At(10, 0), user: "a"));
        windows.Add(Event(At(10, 1), user: "b"));

        var refused = windows.Add(Event(At(10, 2), user: "c"));
        windows.Add(Event(At(10, 6), user: "b"));
        var accepted = windows.Add(Event(At(10, 7), user: "c"));

        Assert.Equal(AddOutcome.OverCapacity, refused.Outcome);
        Assert.Equal((DeadLetterStage.Window, "capacity"), (refused.Failure!.Stage, refused.Failure.Source));
        Assert.Contains("Windowing:MaxUsersPerPartition (2)", refused.Failure.Detail, StringComparison.Ordinal);
        Assert.Equal(AddOutcome.Added, accepted.Outcome);
        Assert.Equal(["a", "b"], windows.TakeClosed().Select(window => window.UserKey));
    }

    [Fact]
    public void Add_EventBeyondMaxEventsPerUserWindow_IsRefusedAndNotCounted()
    {
        var options = Options(TimeSpan.Zero, Tumbling("5m", FiveMinutes));
        options.MaxEventsPerUserWindow = 2;
        var windows = NewWindows(options);
        windows.Add(Event(At(10, 0)));
        windows.Add(Event(At(10, 1)));

        var refused = windows.Add(Event(At(10, 2)));
        windows.Add(Event(At(10, 5), user: "other"));

        Assert.Equal(AddOutcome.OverCapacity, refused.Outcome);
        Assert.Contains("Windowing:MaxEventsPerUserWindow (2) reached in the user's 5m window", refused.Failure!.Detail, StringComparison.Ordinal);
        Assert.Equal(2, windows.TakeClosed().Single(window => window.UserKey == "u1").Events);
    }

    [Fact]
    public void TakeChanges_UserWithNothingOpenLeft_IsRemoved()
    {
        var windows = NewWindows(Options(TimeSpan.Zero, Tumbling("5m", FiveMinutes)));
        windows.Add(Event(At(10, 0), user: "a"));
        var first = windows.TakeChanges(5);

        windows.Add(Event(At(10, 5), user: "b"));
        windows.TakeClosed();
        var second = windows.TakeChanges(9);

        Assert.Equal(new PartitionCheckpoint(5, At(10, 0)), first.Checkpoint);
        Assert.NotNull(Assert.Single(first.Users).State);
        Assert.Equal(new PartitionCheckpoint(9, At(10, 5)), second.Checkpoint);
        Assert.Equal([("a", false), ("b", true)], second.Users.Select(user => (user.UserKey, user.State.HasValue)).Order());
        Assert.Empty(windows.TakeChanges(9).Users);
    }
}
