using DurableTask.Core;
using DurableTask.Core.History;

namespace RecoFunctions.Functions.Tests.Durable.Host;

/// <summary>What the engine recorded for one orchestration instance (all its executions, continue-as-new included). Thread-safe.</summary>
public sealed class InstanceActions(string instanceId)
{
    private readonly Lock _lock = new();
    private readonly List<EpisodeRecord> _episodes = [];
    private readonly List<int> _startInputBytes = [];
    private int _refusedStarts;
    private int _activityResults;
    private int _activityFailures;
    private int _largestActivityResultBytes;
    private string? _executionId;
    private (IReadOnlyList<HistoryEvent> Past, IReadOnlyList<HistoryEvent> New) _lastEpisode = ([], []);

    public string InstanceId { get; } = instanceId;

    public IReadOnlyList<EpisodeRecord> Episodes
    {
        get
        {
            lock (_lock)
            {
                return [.. _episodes];
            }
        }
    }

    /// <summary>Starts accepted by the engine (client starts only; continue-as-new is counted separately).</summary>
    public int Starts
    {
        get
        {
            lock (_lock)
            {
                return _startInputBytes.Count;
            }
        }
    }

    public int RefusedStarts => Volatile.Read(ref _refusedStarts);

    public int ActivityResults => Volatile.Read(ref _activityResults);

    public int ActivityFailures => Volatile.Read(ref _activityFailures);

    public IEnumerable<ScheduledActivity> Activities => Episodes.SelectMany(episode => episode.Activities);

    public IEnumerable<TimeSpan> Timers => Episodes.SelectMany(episode => episode.Timers);

    public int ContinuedAsNew => Episodes.Count(episode => episode.ContinuedAsNewInputBytes is not null);

    public bool IsFinished => Episodes.LastOrDefault()?.Status is OrchestrationStatus.Completed or OrchestrationStatus.Failed or OrchestrationStatus.Terminated;

    /// <summary>Orchestration starts + activity calls + timers + continue-as-new: the actions a durable backend bills and stores.</summary>
    public int DurableActions => Starts + Activities.Count() + Timers.Count() + ContinuedAsNew;

    /// <summary>Largest orchestration input: the first start's or any continue-as-new's.</summary>
    public int LargestInputBytes
    {
        get
        {
            lock (_lock)
            {
                var continued = _episodes.Select(episode => episode.ContinuedAsNewInputBytes ?? 0);
                return _startInputBytes.Concat(continued).DefaultIfEmpty(0).Max();
            }
        }
    }

    /// <summary>The history of the last episode: the events it replayed and the events new to it.</summary>
    public (IReadOnlyList<HistoryEvent> Past, IReadOnlyList<HistoryEvent> New) LastEpisodeHistory
    {
        get
        {
            lock (_lock)
            {
                return _lastEpisode;
            }
        }
    }

    public int LargestActivityInputBytes => Activities.Select(activity => activity.InputBytes ?? 0).DefaultIfEmpty(0).Max();

    public int LargestActivityResultBytes => Volatile.Read(ref _largestActivityResultBytes);

    internal void RecordStart(int? inputBytes)
    {
        lock (_lock)
        {
            _startInputBytes.Add(inputBytes ?? 0);
        }
    }

    /// <summary>Notes the execution an episode completed in; true when it differs from the previous one (a continue-as-new).</summary>
    internal bool EnterExecution(string? executionId)
    {
        lock (_lock)
        {
            var previous = _executionId;
            _executionId = executionId;
            return previous is not null && !string.Equals(previous, executionId, StringComparison.Ordinal);
        }
    }

    internal void RecordHistory(IEnumerable<HistoryEvent> past, IEnumerable<HistoryEvent> added)
    {
        lock (_lock)
        {
            _lastEpisode = ([.. past], [.. added]);
        }
    }

    internal void RecordRefusedStart() => Interlocked.Increment(ref _refusedStarts);

    internal void RecordEpisode(EpisodeRecord episode)
    {
        lock (_lock)
        {
            _episodes.Add(episode);
        }
    }

    internal void RecordActivityResult(int bytes, bool failed)
    {
        Interlocked.Increment(ref _activityResults);
        if (failed)
        {
            Interlocked.Increment(ref _activityFailures);
        }

        lock (_lock)
        {
            _largestActivityResultBytes = Math.Max(_largestActivityResultBytes, bytes);
        }
    }
}
