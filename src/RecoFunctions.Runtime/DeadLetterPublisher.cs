using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Flows;
using RecoFunctions.Runtime.Kafka;
using RecoFunctions.Runtime.Telemetry;

namespace RecoFunctions.Runtime;

/// <summary>
/// Writes dead letters to a flow's dead-letter topic: the original key and value bytes, and the headers of
/// <see cref="DeadLetterCodec"/> (the original headers plus those naming the failure and the origin). A call returns only once Kafka acknowledged the
/// record (acks=all, idempotent producer), retrying transient failures until it succeeds or is cancelled, because an
/// offset may be committed only after its dead letter is safe.
/// </summary>
internal sealed class DeadLetterPublisher : IDisposable
{
    /// <summary>Largest record the producer builds; a broker with a lower limit refuses it and the value is left out.</summary>
    public const int MaxRecordBytes = 16 * 1024 * 1024;

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    private readonly Func<IProducer<byte[]?, byte[]?>> _build;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly DeadLetterRedactor _redactor;
    private readonly RateLimiter _rateLimiter;
    private readonly Lock _lock = new();
    private IProducer<byte[]?, byte[]?> _producer;
    private bool _disposed;

    /// <param name="config">The producer's settings (acks=all, idempotent).</param>
    /// <param name="timeProvider">Stamps the dead letters and paces retries.</param>
    /// <param name="logger">Where retries and omitted values are reported.</param>
    /// <param name="redactor">Keeps user ids off the dead-letter topics of flows that carry them; none by default.</param>
    public DeadLetterPublisher(ProducerConfig config, TimeProvider timeProvider, ILogger logger, DeadLetterRedactor? redactor = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.MessageMaxBytes = Math.Max(config.MessageMaxBytes ?? 0, MaxRecordBytes);
        _build = () => new ProducerBuilder<byte[]?, byte[]?>(config)
            .SetLogHandler((_, message) => RuntimeLog.Librdkafka(logger, message.Facility, message.Message))
            .SetErrorHandler((_, error) => OnError(error))
            .Build();
        _timeProvider = timeProvider;
        _logger = logger;
        _redactor = redactor ?? DeadLetterRedactor.None;
        _rateLimiter = new RateLimiter(timeProvider, TimeSpan.FromSeconds(10));
        _producer = _build();
    }

    /// <summary>Completes when the dead letter is acknowledged; throws only <see cref="OperationCanceledException"/>.</summary>
    public async Task PublishAsync(FlowDefinition flow, ConsumeResult<byte[]?, byte[]?> original, DeadLetterFailure failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(original);
        var source = ConfluentRecords.ToMessage(original);
        var deadLetter = DeadLetterRecord.From(source, failure, _timeProvider.GetUtcNow(), _redactor);
        var message = Build(original, source.Key, deadLetter);
        var delay = FirstRetryDelay;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var producer = Volatile.Read(ref _producer);
            try
            {
                await producer.ProduceAsync(flow.DeadLetterTopic, message, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ProduceException<byte[]?, byte[]?> exception) when (IsTooLarge(exception.Error.Code) && message.Value is not null)
            {
                RuntimeLog.DeadLetterValueOmitted(_logger, Describe(original), flow.DeadLetterTopic, original.Message.Value?.Length ?? 0);
                message = Build(original, source.Key, deadLetter.WithoutValue());
                continue;
            }
            catch (KafkaException exception) when (!cancellationToken.IsCancellationRequested)
            {
                if (exception.Error.IsFatal)
                {
                    Rebuild(producer, exception.Error.Reason);
                }

                if (_rateLimiter.ShouldLog("produce:" + exception.Error.Code, out var suppressed))
                {
                    RuntimeLog.DeadLetterRetry(_logger, flow.DeadLetterTopic, exception.Error.Reason, suppressed, delay);
                }
            }
            catch (ObjectDisposedException) when (!cancellationToken.IsCancellationRequested)
            {
                // Raced a rebuild: the next round uses the new producer.
            }

            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        // Every publish was awaited, so there is nothing left to flush but a bounded wait costs nothing.
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }

    /// <summary>
    /// The key and value the record carries (the original bytes when it carries them unchanged; a redacted key or value
    /// as Core replaced it), the value left out when the record says so, and the codec's headers with the trace context
    /// of the batch that dead-lettered it.
    /// </summary>
    private static Message<byte[]?, byte[]?> Build(ConsumeResult<byte[]?, byte[]?> original, string? originalKey, DeadLetterRecord deadLetter)
    {
        var headers = ConfluentRecords.ToHeaders(DeadLetterCodec.ToHeaders(deadLetter));
        KafkaTraceContext.StampDeadLetter(headers, System.Diagnostics.Activity.Current);
        return new()
        {
            // Unchanged, the key's bytes go as they were, even where they are not valid UTF-8.
            Key = string.Equals(originalKey, deadLetter.Key, StringComparison.Ordinal) ? original.Message.Key : KeyOf(deadLetter.Key),
            Value = deadLetter.ValueOmitted ? null : ValueOf(original.Message.Value, deadLetter.Value),
            Headers = headers,
        };
    }

    private static byte[]? KeyOf(string? key) => key is null ? null : Encoding.UTF8.GetBytes(key);

    private static byte[]? ValueOf(byte[]? originalValue, ReadOnlyMemory<byte> value)
    {
        if (originalValue is not null && value.Span.SequenceEqual(originalValue))
        {
            return originalValue;
        }

        return originalValue is null && value.IsEmpty ? null : value.ToArray();
    }

    private void Rebuild(IProducer<byte[]?, byte[]?> failed, string reason)
    {
        lock (_lock)
        {
            if (_disposed || !ReferenceEquals(_producer, failed))
            {
                return;
            }

            RuntimeLog.ProducerRebuilt(_logger, reason);
            _producer = _build();
        }

        failed.Dispose();
    }

    private void OnError(Error error)
    {
        if (_rateLimiter.ShouldLog("client:" + error.Code, out var suppressed))
        {
            RuntimeLog.ClientError(_logger, error.Code.ToString(), error.Reason, "dead-letter producer", suppressed);
        }
    }

    private static bool IsTooLarge(ErrorCode code) => code is ErrorCode.MsgSizeTooLarge or ErrorCode.RecordListTooLarge;

    private static string Describe(ConsumeResult<byte[]?, byte[]?> original) => $"{original.Topic}/{original.Partition.Value}@{original.Offset.Value}";
}
