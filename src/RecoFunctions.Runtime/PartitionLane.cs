using Confluent.Kafka;
using RecoFunctions.Core.Flows;
using RecoFunctions.Runtime.Windows;

namespace RecoFunctions.Runtime;

/// <summary>
/// One assigned partition as the poll thread keeps it: its queue of consumed messages, the batches of it that run, and
/// its offsets. The poll thread owns all of it (as a Kafka Streams stream thread owns its tasks); other threads read
/// only the published figures (<see cref="Paused"/>, <see cref="AtEnd"/>, <see cref="Lag"/>), and batches see only
/// <see cref="Flow"/>, <see cref="Partition"/> and the two stop tokens.
/// </summary>
internal sealed class PartitionLane
{
    private readonly Queue<ConsumeResult<byte[]?, byte[]?>> _queue = new();
    private readonly List<PartitionBatch> _running = [];
    private readonly List<Task<bool>> _holders = [];
    private readonly CancellationTokenSource _drain = new();
    private readonly CancellationTokenSource _abort = new();
    private long _queuedSince;
    private bool _due;
    private long _highWatermark = -1;
    private long _endOffset = -1;
    private long _position = -1;
    private volatile bool _atEnd;
    private volatile bool _paused;
    private volatile bool _dropped;
    private volatile bool _waitsForSlot;
    private volatile bool _waitsForKeys;
    private int _queued;
    private int _runningCount;

    public PartitionLane(RuntimePartition partition, FlowDefinition flow)
    {
        Partition = partition;
        KafkaPartition = new TopicPartition(partition.Topic, partition.Partition);
        Flow = flow;
        Name = partition.ToString();
    }

    public RuntimePartition Partition { get; }

    /// <summary>The same partition as the Kafka client names it.</summary>
    public TopicPartition KafkaPartition { get; }

    public FlowDefinition Flow { get; }

    /// <summary>
    /// The window state of a windowed flow's partition, opened on assignment; null for the other flows. Its batches run
    /// one after another, each using it alone.
    /// </summary>
    public WindowedPartition? Windowed { get; init; }

    /// <summary><c>topic[partition]</c>, for logs.</summary>
    public string Name { get; }

    /// <summary>Poll thread only.</summary>
    public OffsetTracker Offsets { get; } = new();

    /// <summary>Cancelled when the partition stops taking batches: running batches finish, backoff waits end early.</summary>
    public CancellationToken Draining => _drain.Token;

    /// <summary>Cancelled when running steps are abandoned too.</summary>
    public CancellationToken Aborted => _abort.Token;

    /// <summary>Paused on the consumer; written by the poll thread only.</summary>
    public bool Paused
    {
        get => _paused;
        set => _paused = value;
    }

    /// <summary>The consumer reached the end of the partition and nothing was consumed since.</summary>
    public bool AtEnd => _atEnd;

    /// <summary>The partition was revoked or lost: what its batches still report is ignored.</summary>
    public bool Dropped => _dropped;

    /// <summary>Messages in Kafka not finished here: high watermark minus the commit position (zero when unknown).</summary>
    public long Lag
    {
        get
        {
            var high = Volatile.Read(ref _highWatermark);
            var position = Volatile.Read(ref _position);
            return high < 0 || position < 0 ? 0 : Math.Max(0, high - position);
        }
    }

    /// <summary>Consumed messages not cut into a batch yet, as of the poll thread's last look; any thread.</summary>
    public int Queued => Volatile.Read(ref _queued);

    /// <summary>Batches of the partition running, as of the poll thread's last look; any thread.</summary>
    public int Running => Volatile.Read(ref _runningCount);

    /// <summary>Messages wait to be cut while every batch slot of the partition is taken; any thread.</summary>
    public bool WaitsForSlot
    {
        get => _waitsForSlot;
        private set => _waitsForSlot = value;
    }

    /// <summary>
    /// Queued messages share keys with a running batch, so a batch cut now would only wait for it: they stay queued and
    /// the batch grows until that batch is done or the queue holds a full batch; any thread.
    /// </summary>
    public bool WaitsForKeys
    {
        get => _waitsForKeys;
        private set => _waitsForKeys = value;
    }

    /// <summary>Poll thread: takes a consumed message into the queue. False for an offset already seen (it is not processed twice).</summary>
    public bool Accept(ConsumeResult<byte[]?, byte[]?> message, long now)
    {
        if (!Offsets.Track(message.Offset.Value))
        {
            return false;
        }

        _atEnd = false;
        if (message.Offset.Value >= Volatile.Read(ref _highWatermark))
        {
            Volatile.Write(ref _highWatermark, message.Offset.Value + 1);
        }

        if (_queue.Count == 0)
        {
            _queuedSince = now;
            _due = false;
        }

        _queue.Enqueue(message);
        Volatile.Write(ref _queued, _queue.Count);
        return true;
    }

    /// <summary>Poll thread: what is queued now has waited long enough and goes in the next batch that has a slot.</summary>
    public void MarkDue() => _due = _queue.Count > 0;

    /// <summary>How long until the queue is cut into a batch even if not full; null when nothing waits for time.</summary>
    public TimeSpan? UntilDue(long now, TimeProvider time, RuntimeOptions options)
    {
        if (_queue.Count == 0 || _due || WaitsForSlot || WaitsForKeys)
        {
            return null;
        }

        var left = options.MaxBatchDelay - time.GetElapsedTime(_queuedSince, now);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>
    /// Poll thread: cuts the next batch when a slot is free and the queue holds a full batch or has waited
    /// <c>Runtime:MaxBatchDelay</c>; the earlier running batches it shares keys with are its <paramref name="blockers"/>.
    /// A queue short of a full batch that shares keys with a running batch stays queued (<see cref="WaitsForKeys"/>):
    /// cut now, it would only wait for that batch, and the next one would be as small; so a partition whose keys repeat
    /// (a backlog) runs full batches one after another instead of a chain of small ones.
    /// </summary>
    public PartitionBatch? TryCut(long now, TimeProvider time, RuntimeOptions options, out Task<bool>[] blockers)
    {
        blockers = [];
        _running.RemoveAll(batch => batch.Completion.IsCompleted);
        Volatile.Write(ref _runningCount, _running.Count);
        if (_queue.Count == 0 || _drain.IsCancellationRequested)
        {
            WaitsForSlot = WaitsForKeys = false;
            return null;
        }

        if (!_due && _queue.Count < options.MaxBatchSize && time.GetElapsedTime(_queuedSince, now) < options.MaxBatchDelay)
        {
            WaitsForSlot = WaitsForKeys = false;
            return null;
        }

        // A windowed partition's state takes its events in partition order: one batch at a time.
        if (_running.Count >= (Windowed is null ? options.MaxBatchesPerPartition : 1))
        {
            WaitsForSlot = true;
            return null;
        }

        WaitsForSlot = false;
        if (_queue.Count < options.MaxBatchSize && HeldByRunning())
        {
            WaitsForKeys = true;
            return null;
        }

        WaitsForKeys = false;
        var batch = new PartitionBatch(Math.Min(_queue.Count, options.MaxBatchSize));
        while (batch.Count < options.MaxBatchSize && _queue.TryDequeue(out var message))
        {
            batch.Add(message);
        }

        batch.Seal();
        Volatile.Write(ref _queued, _queue.Count);

        // What is left queued up while this batch filled: it has waited long enough.
        _due = _queue.Count > 0;
        blockers = EarlierConflicting(batch);
        _running.Add(batch);
        Volatile.Write(ref _runningCount, _running.Count);
        return batch;
    }

    /// <summary>Every batch of the partition that is running now completes.</summary>
    public Task RunningCompletion() => _running.Count == 0 ? Task.CompletedTask : Task.WhenAll(_running.Select(batch => batch.Completion));

    /// <summary>Poll thread: the consumer reached the end of the partition at <paramref name="offset"/>.</summary>
    public void MarkEnd(long offset)
    {
        Volatile.Write(ref _endOffset, offset);
        UpdateHighWatermark(offset);
        PublishPosition();
        _atEnd = true;
    }

    /// <summary>Poll thread: the latest high watermark the client knows.</summary>
    public void UpdateHighWatermark(long highWatermark)
    {
        if (highWatermark > Volatile.Read(ref _highWatermark))
        {
            Volatile.Write(ref _highWatermark, highWatermark);
        }
    }

    /// <summary>Poll thread: makes the commit position visible to <see cref="Lag"/>.</summary>
    public void PublishPosition() => Volatile.Write(ref _position, Offsets.CommitPosition ?? Volatile.Read(ref _endOffset));

    /// <summary>No more batches: queued messages stay unfinished (redelivered later), running ones finish, backoff waits end.</summary>
    public void Drain()
    {
        _queue.Clear();
        Volatile.Write(ref _queued, 0);
        _drain.Cancel();
    }

    /// <summary>As <see cref="Drain"/>, and the running steps are cancelled.</summary>
    public void Abort()
    {
        Drain();
        _abort.Cancel();
    }

    /// <summary>Forgets the unfinished messages (the partition is gone); returns how many there were.</summary>
    public int Drop()
    {
        _dropped = true;
        _queue.Clear();
        Volatile.Write(ref _queued, 0);
        return Offsets.Reset();
    }

    /// <summary>
    /// Whether a queued message shares its key with a running batch. Once found, the queue is looked at again only after
    /// those batches are done, not on every turn of the poll thread.
    /// </summary>
    private bool HeldByRunning()
    {
        if (_holders.Exists(static holder => !holder.IsCompleted))
        {
            return true;
        }

        _holders.Clear();
        foreach (var running in _running)
        {
            foreach (var message in _queue)
            {
                if (running.Holds(message.Message.Key))
                {
                    _holders.Add(running.Completion);
                    break;
                }
            }
        }

        return _holders.Count > 0;
    }

    private Task<bool>[] EarlierConflicting(PartitionBatch batch)
    {
        List<Task<bool>>? blockers = null;
        foreach (var earlier in _running)
        {
            if (!earlier.Completion.IsCompleted && earlier.ConflictsWith(batch))
            {
                (blockers ??= []).Add(earlier.Completion);
            }
        }

        return blockers is null ? [] : [.. blockers];
    }
}
