using Microsoft.Extensions.Time.Testing;

namespace RecoFunctions.Testing;

/// <summary>Fake clocks for tests: <see cref="FakeTimeProvider"/>s that start at a fixed instant, so that tests print the same times on every run.</summary>
public static class TestClock
{
    /// <summary>The default start of the tests' clocks.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A stopped clock at <paramref name="start"/> (default <see cref="Start"/>); it moves only when the test advances it.</summary>
    public static FakeTimeProvider Create(DateTimeOffset? start = null)
    {
        var time = new FakeTimeProvider();
        time.SetUtcNow(start ?? Start);
        return time;
    }
}
