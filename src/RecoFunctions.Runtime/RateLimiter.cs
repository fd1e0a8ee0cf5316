using System.Collections.Concurrent;

namespace RecoFunctions.Runtime;

/// <summary>
/// Lets a repeated problem be logged once per interval per key, counting what was held back, so that a broker outage
/// produces a line every few seconds instead of thousands.
/// </summary>
internal sealed class RateLimiter(TimeProvider timeProvider, TimeSpan interval)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="key"/> may be logged now; <paramref name="suppressed"/> is how many were held back since the last time.</summary>
    public bool ShouldLog(string key, out long suppressed)
    {
        var now = timeProvider.GetTimestamp();
        var window = _windows.GetOrAdd(key, static _ => new Window());
        lock (window)
        {
            if (window.LastLogged != 0 && timeProvider.GetElapsedTime(window.LastLogged, now) < interval)
            {
                window.Suppressed++;
                suppressed = 0;
                return false;
            }

            suppressed = window.Suppressed;
            window.Suppressed = 0;
            window.LastLogged = now;
            return true;
        }
    }

    private sealed class Window
    {
        public long LastLogged { get; set; }

        public long Suppressed { get; set; }
    }
}
