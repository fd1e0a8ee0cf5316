namespace RecoFunctions.Core.Windowing;

/// <summary>Which users have a window closing at which watermark, so that closing visits only those users.</summary>
internal sealed class CloseSchedule
{
    private readonly SortedDictionary<long, HashSet<string>> _byCloseAt = [];

    public void Add(long closeAt, string userKey)
    {
        if (!_byCloseAt.TryGetValue(closeAt, out var users))
        {
            users = new HashSet<string>(StringComparer.Ordinal);
            _byCloseAt.Add(closeAt, users);
        }

        users.Add(userKey);
    }

    /// <summary>Removes and returns the users of the earliest closing time at or before <paramref name="watermark"/>; null when none is due.</summary>
    public HashSet<string>? TakeDue(long watermark)
    {
        if (_byCloseAt.Count == 0)
        {
            return null;
        }

        var (closeAt, users) = _byCloseAt.First();
        if (closeAt > watermark)
        {
            return null;
        }

        _byCloseAt.Remove(closeAt);
        return users;
    }
}
