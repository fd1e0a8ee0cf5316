using System.Globalization;
using Confluent.Kafka;
using RecoFunctions.Core.Parsing;
using RecoFunctions.Local.Accounting;

namespace RecoFunctions.Local.Workload;

/// <summary>
/// Turns the producer's delivery reports into the manifest: acknowledged messages with their partition and offset,
/// failures counted and sampled. Reports arrive on the producer's own thread while the sender keeps sending.
/// </summary>
internal sealed class DeliveryTracker(WorkloadManifest manifest)
{
    private const int MaxSamples = 10;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, FlowManifest> _flows = new(StringComparer.Ordinal);
    private readonly List<string> _samples = [];
    private long _outstanding;
    private long _attempted;
    private long _failed;
    private long _refused;
    private long _bytes;

    public long Outstanding => Interlocked.Read(ref _outstanding);

    public long Attempted => Interlocked.Read(ref _attempted);

    public long Failed => Interlocked.Read(ref _failed);

    public long RefusedTooLarge => Interlocked.Read(ref _refused);

    public long Bytes => Interlocked.Read(ref _bytes);

    public IReadOnlyList<string> FailureSamples
    {
        get
        {
            lock (_gate)
            {
                return [.. _samples];
            }
        }
    }

    public void Sending()
    {
        Interlocked.Increment(ref _attempted);
        Interlocked.Increment(ref _outstanding);
    }

    public void Delivered(DeliveryReport<byte[]?, byte[]?> report, WorkloadMessage message)
    {
        if (report.Error.IsError)
        {
            Fail(message, report.Error);
        }
        else
        {
            lock (_gate)
            {
                FlowOf(message).Record(message, report.Partition.Value, report.Offset.Value);
            }

            Interlocked.Add(ref _bytes, message.Value?.Length ?? 0);
        }

        Interlocked.Decrement(ref _outstanding);
    }

    /// <summary>The producer refused the message before queueing it.</summary>
    public void NotSent(WorkloadMessage message, Error error)
    {
        Fail(message, error);
        Interlocked.Decrement(ref _outstanding);
    }

    private void Fail(WorkloadMessage message, Error error)
    {
        if (error.Code == ErrorCode.MsgSizeTooLarge && message.ExpectedRule == RuleNames.PayloadTooLarge)
        {
            Interlocked.Increment(ref _refused);
            return;
        }

        Interlocked.Increment(ref _failed);
        lock (_gate)
        {
            FlowOf(message).Failed++;
            if (_samples.Count < MaxSamples)
            {
                _samples.Add(string.Create(CultureInfo.InvariantCulture, $"{message.Flow.Topic} key {message.Key ?? "(none)"}: {error.Code}: {error.Reason}"));
            }
        }
    }

    private FlowManifest FlowOf(WorkloadMessage message)
    {
        if (!_flows.TryGetValue(message.Flow.Name, out var flow))
        {
            flow = manifest.GetOrAdd(message.Flow, DeliveryKindsOf.Contract(message.Flow.Contract));
            _flows.Add(message.Flow.Name, flow);
        }

        return flow;
    }
}
