using System.Text;
using Confluent.Kafka;

namespace RecoFunctions.Runtime;

/// <summary>
/// Messages of one partition processed together, in offset order, with their keys: a batch that shares a key with an
/// earlier unfinished batch of the partition waits for it, so each key's versions are delivered in partition order.
/// The poll thread fills it; from then on the batch's run owns it and marks its messages finished (from any thread).
/// </summary>
internal sealed class PartitionBatch(int capacity)
{
    private readonly List<ConsumeResult<byte[]?, byte[]?>> _messages = new(capacity);
    private readonly List<string?> _keys = new(capacity);
    private readonly HashSet<string> _distinctKeys = new(capacity, StringComparer.Ordinal);
    private int[] _finished = [];
    private int _unfinished;
    private bool _hasKeyless;

    public int Count => _messages.Count;

    public IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> Messages => _messages;

    /// <summary>The message keys as UTF-8 text, by position; null for a message without a key.</summary>
    public IReadOnlyList<string?> Keys => _keys;

    /// <summary>
    /// Set by the worker once the batch runs: true when every message of it is finished, false when the worker stopped
    /// first (a batch that waits for this one must not run then, or a newer version could overtake an unfinished older one).
    /// </summary>
    public Task<bool> Completion { get; set; } = Task.FromResult(true);

    /// <summary>Every message of the batch is finished.</summary>
    public bool AllFinished => Volatile.Read(ref _unfinished) == 0;

    public void Add(ConsumeResult<byte[]?, byte[]?> message)
    {
        var key = message.Message.Key is { } bytes ? Encoding.UTF8.GetString(bytes) : null;
        _messages.Add(message);
        _keys.Add(key);
        if (key is null)
        {
            _hasKeyless = true;
        }
        else
        {
            _distinctKeys.Add(key);
        }
    }

    /// <summary>Whether the two batches must not run side by side. A message without a key could be anyone's, so it conflicts with everything.</summary>
    public bool ConflictsWith(PartitionBatch other)
    {
        if (_hasKeyless || other._hasKeyless)
        {
            return true;
        }

        var (small, large) = _distinctKeys.Count <= other._distinctKeys.Count ? (this, other) : (other, this);
        foreach (var key in small._distinctKeys)
        {
            if (large._distinctKeys.Contains(key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a message with <paramref name="key"/> would have to wait for this batch (it shares the key, or either has
    /// none). Poll thread, once the batch is sealed.
    /// </summary>
    public bool Holds(byte[]? key)
    {
        if (key is null || _hasKeyless)
        {
            return true;
        }

        const int StackLimit = 256;
        var chars = key.Length <= StackLimit ? stackalloc char[StackLimit] : new char[Encoding.UTF8.GetMaxCharCount(key.Length)];
        var count = Encoding.UTF8.GetChars(key, chars);
        return _distinctKeys.GetAlternateLookup<ReadOnlySpan<char>>().Contains(chars[..count]);
    }

    /// <summary>Poll thread, once filled: from here on messages are only marked finished.</summary>
    public void Seal()
    {
        _finished = new int[_messages.Count];
        _unfinished = _messages.Count;
    }

    /// <summary>Marks the message at <paramref name="offset"/> finished; true the first time only. Any thread.</summary>
    public bool TryFinish(long offset)
    {
        var index = IndexOf(offset);
        if (index < 0 || Interlocked.Exchange(ref _finished[index], 1) != 0)
        {
            return false;
        }

        Interlocked.Decrement(ref _unfinished);
        return true;
    }

    /// <summary>True for a message of the batch that is not finished.</summary>
    public bool IsUnfinished(long offset)
    {
        var index = IndexOf(offset);
        return index >= 0 && Volatile.Read(ref _finished[index]) == 0;
    }

    /// <summary>The message at <paramref name="offset"/>; the batch is in offset order.</summary>
    public ConsumeResult<byte[]?, byte[]?>? Find(long offset)
    {
        var index = IndexOf(offset);
        return index < 0 ? null : _messages[index];
    }

    private int IndexOf(long offset)
    {
        int low = 0, high = _messages.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var value = _messages[middle].Offset.Value;
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
}
