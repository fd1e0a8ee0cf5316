using RecoFunctions.Core.Windowing;

namespace RecoFunctions.Core.Tests.Windowing;

/// <summary>
/// A recommender stand-in: keeps every publication and the latest value per (user, window, start), and can be told to
/// fail a call after accepting part of it, as a delivery that breaks off half-way does.
/// </summary>
internal sealed class RecordingPublisher : IClosedWindowPublisher
{
    public List<IReadOnlyList<ClosedWindow>> Calls { get; } = [];

    /// <summary>Every value ever received per key: a replay must never send a different value.</summary>
    public Dictionary<(string User, string Window, DateTimeOffset Start), HashSet<string>> Values { get; } = [];

    /// <summary>Called before each publication; returning true accepts the first half of the windows and then throws.</summary>
    public Func<bool> FailNext { get; set; } = static () => false;

    public Action? OnPublish { get; set; }

    public Task PublishAsync(IReadOnlyList<ClosedWindow> windows, CancellationToken cancellationToken)
    {
        OnPublish?.Invoke();
        var fail = FailNext();
        var accepted = fail ? windows.Take(windows.Count / 2).ToList() : windows;
        foreach (var window in accepted)
        {
            var key = (window.UserKey, window.Window, window.Start);
            if (!Values.TryGetValue(key, out var values))
            {
                Values[key] = values = [];
            }

            values.Add(Interactions.Describe(window));
        }

        if (fail)
        {
            throw new HttpRequestException("recommender unavailable");
        }

        Calls.Add(windows);
        return Task.CompletedTask;
    }
}
