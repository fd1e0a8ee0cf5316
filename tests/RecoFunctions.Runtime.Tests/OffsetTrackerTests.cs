
namespace RecoFunctions.Runtime.Tests;

public sealed class OffsetTrackerTests
{
    [Fact]
    public void TryGetCommit_NothingTracked_HasNothingToCommit()
    {
        var tracker = new OffsetTracker();

        Assert.False(tracker.TryGetCommit(out _));
        Assert.Null(tracker.CommitPosition);
    }

    [Fact]
    public void TryGetCommit_NothingFinishedYet_DoesNotCommitTheStartingPosition()
    {
        var tracker = Track(40, 41);

        Assert.False(tracker.TryGetCommit(out _));
        Assert.Equal(40, tracker.CommitPosition);

        tracker.Complete(41);
        Assert.False(tracker.TryGetCommit(out _));

        tracker.Complete(40);
        Assert.True(tracker.TryGetCommit(out var position));
        Assert.Equal(42, position);
    }

    [Fact]
    public void Complete_InOrder_CommitsAfterTheLastFinished()
    {
        var tracker = Track(10, 11, 12);

        Assert.True(tracker.Complete(10));
        Assert.True(tracker.Complete(11));

        Assert.True(tracker.TryGetCommit(out var position));
        Assert.Equal(12, position);
        Assert.Equal(1, tracker.Unfinished);
    }

    [Fact]
    public void Complete_AllFinished_CommitsTheOffsetAfterTheLastConsumed()
    {
        var tracker = Track(0, 1, 2);
        tracker.Complete(0);
        tracker.Complete(1);
        tracker.Complete(2);

        Assert.True(tracker.TryGetCommit(out var position));
        Assert.Equal(3, position);
        Assert.Equal(0, tracker.Unfinished);
    }

    [Fact]
    public void Complete_OutOfOrder_GapBlocksTheCommitUntilFilled()
    {
        var tracker = Track(5, 6, 7, 8);

        tracker.Complete(6);
        tracker.Complete(8);
        Assert.False(tracker.TryGetCommit(out var blocked) && blocked > 5);
        Assert.Equal(5, tracker.CommitPosition);

        tracker.Complete(5);
        Assert.Equal(7, tracker.CommitPosition);

        tracker.Complete(7);
        Assert.Equal(9, tracker.CommitPosition);
    }

    [Fact]
    public void Track_OffsetsWithHoles_HolesNeverBlock()
    {
        // Transaction markers and compaction leave offsets that are never consumed.
        var tracker = Track(3, 7, 20);
        tracker.Complete(3);
        tracker.Complete(7);

        Assert.Equal(20, tracker.CommitPosition);

        tracker.Complete(20);
        Assert.Equal(21, tracker.CommitPosition);
    }

    [Fact]
    public void Complete_UnknownOrTwice_IsIgnored()
    {
        var tracker = Track(1, 2);

        Assert.False(tracker.Complete(0));
        Assert.False(tracker.Complete(3));
        Assert.True(tracker.Complete(2));
        Assert.False(tracker.Complete(2));
        Assert.Equal(1, tracker.Unfinished);
        Assert.Equal(1, tracker.CommitPosition);
    }

    [Fact]
    public void Track_SameOrLowerOffsetAgain_IsRefused()
    {
        var tracker = Track(4, 5);

        Assert.False(tracker.Track(5));
        Assert.False(tracker.Track(2));
        Assert.True(tracker.Track(6));
        Assert.Equal(3, tracker.Unfinished);
    }

    [Fact]
    public void MarkCommitted_SamePosition_NotOfferedAgainUntilItMoves()
    {
        var tracker = Track(0, 1);
        tracker.Complete(0);
        Assert.True(tracker.TryGetCommit(out var first));
        tracker.MarkCommitted(first);

        Assert.False(tracker.TryGetCommit(out _));

        tracker.Complete(1);
        Assert.True(tracker.TryGetCommit(out var second));
        Assert.Equal(2, second);
    }

    [Fact]
    public void Reset_AfterRevocation_ForgetsEverythingAndIgnoresLateCompletions()
    {
        var tracker = Track(10, 11, 12);
        tracker.Complete(10);

        var dropped = tracker.Reset();

        Assert.Equal(2, dropped);
        Assert.Equal(0, tracker.Unfinished);
        Assert.Null(tracker.CommitPosition);
        Assert.False(tracker.Complete(11));
        Assert.False(tracker.TryGetCommit(out _));

        // A later assignment starts over, from wherever the group's committed offset puts it.
        Assert.True(tracker.Track(11));
        Assert.Equal(11, tracker.CommitPosition);
    }

    [Fact]
    public void Complete_ManyOutOfOrderAcrossGrowth_CommitsOnlyTheContiguousPrefix()
    {
        var tracker = new OffsetTracker();
        for (var offset = 0L; offset < 1000; offset++)
        {
            tracker.Track(offset * 2);
        }

        var random = new Random(7);
        var order = Enumerable.Range(0, 1000).Select(i => i * 2L).OrderBy(_ => random.Next()).ToList();
        var finished = new HashSet<long>();
        foreach (var offset in order)
        {
            Assert.True(tracker.Complete(offset));
            finished.Add(offset);
            var expected = 0L;
            while (finished.Contains(expected))
            {
                expected += 2;
            }

            Assert.Equal(expected >= 2000 ? 1999 : expected, tracker.CommitPosition);
        }
    }

    private static OffsetTracker Track(params long[] offsets)
    {
        var tracker = new OffsetTracker();
        foreach (var offset in offsets)
        {
            Assert.True(tracker.Track(offset));
        }

        return tracker;
    }
}
