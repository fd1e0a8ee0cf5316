using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace RecoFunctions.Sandbox.Knobs;

/// <summary>
/// How one sandbox service misbehaves, changeable while it runs (in process or through <c>POST /_sandbox/knobs</c>),
/// and how often each of its endpoints was called. Thread-safe.
/// </summary>
/// <remarks>
/// Per call, in this order: the call is counted; latency (plus jitter, plus a scripted delay) passes; the next scripted
/// response answers if there is one; an outage answers if one is on; the error rate draws; otherwise the call goes through.
/// </remarks>
public sealed class ServiceKnobs
{
    private readonly TimeProvider _timeProvider;
    private readonly Random _random;
    private readonly Queue<ScriptedResponse> _script = new();
    private readonly ConcurrentDictionary<string, StrongBox<long>> _calls = new(StringComparer.Ordinal);
    private readonly TimeSpan _initialLatency;
    private readonly TimeSpan _initialJitter;
    private long _latencyTicks;
    private long _jitterTicks;
    private double _errorRate;
    private int _errorStatusCode = 503;
    private long _retryAfterTicks = -1;
    private Outage? _outage;
    private int _scripted;
    private long _totalCalls;
    private long _injected;
    private int _concurrent;
    private int _peakConcurrent;

    internal ServiceKnobs(SandboxService service, int seed, TimeProvider timeProvider, TimeSpan latency, TimeSpan jitter)
    {
        Service = service;
        _timeProvider = timeProvider;
        _random = new Random(seed);
        _initialLatency = latency;
        _initialJitter = jitter;
        _latencyTicks = latency.Ticks;
        _jitterTicks = jitter.Ticks;
    }

    public SandboxService Service { get; }

    public string Name => SandboxServiceNames.Of(Service);

    /// <summary>Fixed latency added to every call.</summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Volatile.Read(ref _latencyTicks));
        set => Volatile.Write(ref _latencyTicks, NonNegative(value).Ticks);
    }

    /// <summary>Random extra latency per call, uniformly drawn from zero to this.</summary>
    public TimeSpan LatencyJitter
    {
        get => TimeSpan.FromTicks(Volatile.Read(ref _jitterTicks));
        set => Volatile.Write(ref _jitterTicks, NonNegative(value).Ticks);
    }

    /// <summary>Fraction (0 to 1) of calls answered with <see cref="ErrorStatusCode"/>, drawn from the seeded generator.</summary>
    public double ErrorRate
    {
        get => Volatile.Read(ref _errorRate);
        set
        {
            if (!(value >= 0 && value <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "An error rate lies between 0 and 1.");
            }

            Volatile.Write(ref _errorRate, value);
        }
    }

    /// <summary>Status of the random errors; 503 by default.</summary>
    public int ErrorStatusCode
    {
        get => Volatile.Read(ref _errorStatusCode);
        set => Volatile.Write(ref _errorStatusCode, ErrorStatus(value));
    }

    /// <summary>Retry-After sent with every 429 and 503 this service answers; null sends none.</summary>
    public TimeSpan? RetryAfter
    {
        get
        {
            var ticks = Volatile.Read(ref _retryAfterTicks);
            return ticks < 0 ? null : TimeSpan.FromTicks(ticks);
        }
        set => Volatile.Write(ref _retryAfterTicks, value is { } span ? NonNegative(span).Ticks : -1);
    }

    /// <summary>The outage in force, if any (one that has run out reads as none).</summary>
    public Outage? Outage
    {
        get
        {
            var outage = Volatile.Read(ref _outage);
            return outage?.Until is { } until && _timeProvider.GetUtcNow() >= until ? null : outage;
        }
    }

    /// <summary>Scripted responses still waiting for a call.</summary>
    public int ScriptedPending => Volatile.Read(ref _scripted);

    /// <summary>Calls of all endpoints, failed ones included.</summary>
    public long TotalCalls => Volatile.Read(ref _totalCalls);

    /// <summary>Calls the knobs answered with a made-up failure.</summary>
    public long InjectedFailures => Volatile.Read(ref _injected);

    /// <summary>Calls being answered right now.</summary>
    public int ConcurrentCalls => Volatile.Read(ref _concurrent);

    /// <summary>The most calls answered at once since start (or reset): shows whether callers keep their concurrency bounds.</summary>
    public int PeakConcurrentCalls => Volatile.Read(ref _peakConcurrent);

    /// <summary>Calls per endpoint, named like <c>POST /contents/batch</c>.</summary>
    public IReadOnlyDictionary<string, long> CallsByEndpoint =>
        _calls.ToDictionary(pair => pair.Key, pair => Volatile.Read(ref pair.Value.Value), StringComparer.Ordinal);

    public long CallsTo(string endpoint) => _calls.TryGetValue(endpoint, out var count) ? Volatile.Read(ref count.Value) : 0;

    /// <summary>Answers every call with <paramref name="statusCode"/> until <paramref name="until"/> (or <see cref="EndOutage"/>).</summary>
    public void StartOutage(int statusCode = 503, DateTimeOffset? until = null) =>
        Volatile.Write(ref _outage, new Outage(ErrorStatus(statusCode), until));

    public void EndOutage() => Volatile.Write(ref _outage, null);

    /// <summary>Queues <paramref name="response"/> for the next <paramref name="times"/> calls, after what is already queued.</summary>
    public void Enqueue(ScriptedResponse response, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        if (!response.PassesThrough)
        {
            ErrorStatus(response.StatusCode);
        }

        lock (_script)
        {
            for (var i = 0; i < times; i++)
            {
                _script.Enqueue(response);
            }

            Volatile.Write(ref _scripted, _script.Count);
        }
    }

    public void ClearScript()
    {
        lock (_script)
        {
            _script.Clear();
            Volatile.Write(ref _scripted, 0);
        }
    }

    /// <summary>Back to the start-up behaviour, counters at zero.</summary>
    public void Reset()
    {
        Latency = _initialLatency;
        LatencyJitter = _initialJitter;
        ErrorRate = 0;
        ErrorStatusCode = 503;
        RetryAfter = null;
        EndOutage();
        ClearScript();
        _calls.Clear();
        Volatile.Write(ref _totalCalls, 0);
        Volatile.Write(ref _injected, 0);
        Volatile.Write(ref _peakConcurrent, Volatile.Read(ref _concurrent));
    }

    internal void CallStarted()
    {
        var now = Interlocked.Increment(ref _concurrent);
        var peak = Volatile.Read(ref _peakConcurrent);
        while (now > peak)
        {
            var seen = Interlocked.CompareExchange(ref _peakConcurrent, now, peak);
            if (seen == peak)
            {
                return;
            }

            peak = seen;
        }
    }

    internal void CallEnded() => Interlocked.Decrement(ref _concurrent);

    internal async ValueTask<InjectedResponse?> BeforeCallAsync(string endpoint, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _totalCalls);
        Interlocked.Increment(ref _calls.GetOrAdd(endpoint, static _ => new StrongBox<long>()).Value);
        var scripted = Volatile.Read(ref _scripted) > 0 ? Dequeue() : null;

        var delay = Latency + (scripted?.Delay ?? TimeSpan.Zero);
        var jitter = LatencyJitter;
        if (jitter > TimeSpan.Zero)
        {
            delay += jitter * NextDouble();
        }

        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }

        var injected = Decide(scripted);
        if (injected is not null)
        {
            Interlocked.Increment(ref _injected);
        }

        return injected;
    }

    private InjectedResponse? Decide(ScriptedResponse? scripted)
    {
        if (scripted is not null && !scripted.PassesThrough)
        {
            return new InjectedResponse(scripted.StatusCode, scripted.RetryAfter ?? DefaultRetryAfter(scripted.StatusCode), "scripted");
        }

        if (Outage is { } outage)
        {
            return new InjectedResponse(outage.StatusCode, DefaultRetryAfter(outage.StatusCode), "outage");
        }

        var rate = ErrorRate;
        if (rate > 0 && NextDouble() < rate)
        {
            var status = ErrorStatusCode;
            return new InjectedResponse(status, DefaultRetryAfter(status), "random error");
        }

        return null;
    }

    private TimeSpan? DefaultRetryAfter(int statusCode) => statusCode is 429 or 503 ? RetryAfter : null;

    private ScriptedResponse? Dequeue()
    {
        lock (_script)
        {
            if (!_script.TryDequeue(out var response))
            {
                return null;
            }

            Volatile.Write(ref _scripted, _script.Count);
            return response;
        }
    }

    private double NextDouble()
    {
        lock (_random)
        {
            return _random.NextDouble();
        }
    }

    private static TimeSpan NonNegative(TimeSpan value) =>
        value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Must not be negative.");

    private static int ErrorStatus(int statusCode) =>
        statusCode is >= 400 and <= 599 ? statusCode : throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "An injected failure has a 4xx or 5xx status.");
}
