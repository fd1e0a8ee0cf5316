namespace RecoFunctions.Sandbox.Recording;

/// <summary>
/// A set of versions of one key kept as sorted, disjoint, non-adjacent ranges. Versions mostly arrive rising by one,
/// so a key with thousands of versions usually costs one range: cheap to record at full delivery rate and compact to
/// send or store. Not thread-safe.
/// </summary>
public sealed class VersionRanges
{
    private readonly List<VersionRange> _ranges;

    public VersionRanges()
    {
        _ranges = new List<VersionRange>(1);
    }

    public VersionRanges(IEnumerable<VersionRange> ranges)
        : this()
    {
        ArgumentNullException.ThrowIfNull(ranges);
        foreach (var range in ranges)
        {
            AddRange(range.From, range.To);
        }
    }

    /// <summary>Distinct versions in the set.</summary>
    public long Count { get; private set; }

    public IReadOnlyList<VersionRange> Ranges => _ranges;

    /// <summary>The highest version, or 0 when empty.</summary>
    public long Max => _ranges.Count == 0 ? 0 : _ranges[^1].To;

    /// <returns>False if the version was already in the set.</returns>
    public bool Add(long version)
    {
        if (_ranges.Count == 0 || version > _ranges[^1].To + 1)
        {
            _ranges.Add(new VersionRange(version, version));
            Count++;
            return true;
        }

        if (version == _ranges[^1].To + 1)
        {
            _ranges[^1] = _ranges[^1] with { To = version };
            Count++;
            return true;
        }

        if (Contains(version))
        {
            return false;
        }

        AddRange(version, version);
        return true;
    }

    /// <summary>Adds <paramref name="from"/> to <paramref name="to"/>, merging with overlapping or adjacent ranges.</summary>
    public void AddRange(long from, long to)
    {
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "A range ends at or after its start.");
        }

        // First range that could merge: the first whose end reaches from - 1.
        var first = FirstEndingAtOrAfter(from == long.MinValue ? from : from - 1);
        var last = first;
        var mergedFrom = from;
        var mergedTo = to;
        var covered = 0L;
        while (last < _ranges.Count && (to == long.MaxValue || _ranges[last].From <= to + 1))
        {
            mergedFrom = Math.Min(mergedFrom, _ranges[last].From);
            mergedTo = Math.Max(mergedTo, _ranges[last].To);
            covered += _ranges[last].Count;
            last++;
        }

        _ranges.RemoveRange(first, last - first);
        _ranges.Insert(first, new VersionRange(mergedFrom, mergedTo));
        Count += mergedTo - mergedFrom + 1 - covered;
    }

    public bool Contains(long version)
    {
        var index = FirstEndingAtOrAfter(version);
        return index < _ranges.Count && _ranges[index].From <= version;
    }

    public VersionRanges Clone() => new(_ranges);

    public IEnumerable<long> Versions()
    {
        foreach (var range in _ranges)
        {
            for (var version = range.From; version <= range.To; version++)
            {
                yield return version;
            }
        }
    }

    private int FirstEndingAtOrAfter(long version)
    {
        int low = 0, high = _ranges.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_ranges[middle].To < version)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
