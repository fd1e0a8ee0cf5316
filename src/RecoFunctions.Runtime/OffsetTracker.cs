namespace RecoFunctions.Runtime;

/// <summary>
/// The consumed offsets of one partition and which of them are finished (delivered, stale or dead-lettered). The offset
/// to commit is the first unfinished one, or the one after the last consumed when all are finished: an unfinished
/// message blocks the commit of everything after it, so a restart redoes it and nothing is skipped.
/// </summary>
/// <remarks>
/// Offsets arrive in increasing order but not necessarily contiguous (transaction markers and compaction leave gaps);
/// an offset between two consumed ones was never a message for us, so it never blocks. Finished offsets at the front are
/// forgotten at once, so memory follows the unfinished span, not the history. Not thread-safe: the poll thread owns it,
/// tracking what it consumes and completing what the batches report through <see cref="FinishedOffsets"/>.
/// </remarks>
internal sealed class OffsetTracker
{
    private long[] _offsets = new long[16];
    private bool[] _finished = new bool[16];
    private int _head;
    private int _count;
    private int _unfinished;
    private long _next = -1;
    private long _committed = -1;

    /// <summary>Consumed messages that are not finished yet.</summary>
    public int Unfinished => _unfinished;

    /// <summary>Where consumption stands: the offset after the last tracked message; -1 before the first.</summary>
    public long Next => _next;

    /// <summary>The offset a commit would store now (first unfinished, else after the last consumed); null before any message.</summary>
    public long? CommitPosition => Position();

    /// <summary>The last committed position, or where consumption started; -1 before the first message.</summary>
    public long Committed => _committed;

    /// <summary>Records a consumed message. Returns false (and tracks nothing) for an offset at or below one already tracked.</summary>
    public bool Track(long offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (offset < _next)
        {
            return false;
        }

        if (_next < 0)
        {
            // Consumption started here, so the group's position is here already: nothing to commit until something finishes.
            _committed = Math.Max(_committed, offset);
        }

        if (_count == _offsets.Length)
        {
            Grow();
        }

        var slot = (_head + _count) & (_offsets.Length - 1);
        _offsets[slot] = offset;
        _finished[slot] = false;
        _count++;
        _unfinished++;
        _next = offset + 1;
        return true;
    }

    /// <summary>Marks a tracked message finished. Returns false for an offset that is not tracked or already finished.</summary>
    public bool Complete(long offset)
    {
        var index = Find(offset);
        if (index < 0)
        {
            return false;
        }

        var slot = (_head + index) & (_offsets.Length - 1);
        if (_finished[slot])
        {
            return false;
        }

        _finished[slot] = true;
        _unfinished--;
        while (_count > 0 && _finished[_head])
        {
            _head = (_head + 1) & (_offsets.Length - 1);
            _count--;
        }

        return true;
    }

    /// <summary>True for a tracked offset that is not finished.</summary>
    public bool IsUnfinished(long offset)
    {
        var index = Find(offset);
        return index >= 0 && !_finished[(_head + index) & (_offsets.Length - 1)];
    }

    /// <summary>The position to commit if it moved past the last committed one.</summary>
    public bool TryGetCommit(out long position)
    {
        var current = Position();
        position = current ?? -1;
        return current is { } value && value > _committed;
    }

    /// <summary>Remembers a successful commit, so that the same position is not committed again.</summary>
    public void MarkCommitted(long position)
    {
        _committed = Math.Max(_committed, position);
    }

    /// <summary>
    /// Forgets every message (the partition was revoked or lost): later completions of them are ignored, and
    /// tracking starts over. Returns how many were unfinished.
    /// </summary>
    public int Reset()
    {
        var dropped = _unfinished;
        _head = 0;
        _count = 0;
        _unfinished = 0;
        _next = -1;
        _committed = -1;
        return dropped;
    }

    private long? Position() => _count > 0 ? _offsets[_head] : _next >= 0 ? _next : null;

    /// <summary>Index (from the head) of <paramref name="offset"/>, or -1. Completions come mostly in order, so the front is tried first.</summary>
    private int Find(long offset)
    {
        if (_count == 0)
        {
            return -1;
        }

        var mask = _offsets.Length - 1;
        if (_offsets[_head] == offset)
        {
            return 0;
        }

        int low = 0, high = _count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var value = _offsets[(_head + middle) & mask];
            if (value == offset)
            {
                return middle;
            }

            if (value < offset)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }

    private void Grow()
    {
        var offsets = new long[_offsets.Length * 2];
        var finished = new bool[offsets.Length];
        var mask = _offsets.Length - 1;
        for (var i = 0; i < _count; i++)
        {
            offsets[i] = _offsets[(_head + i) & mask];
            finished[i] = _finished[(_head + i) & mask];
        }

        _offsets = offsets;
        _finished = finished;
        _head = 0;
    }
}
