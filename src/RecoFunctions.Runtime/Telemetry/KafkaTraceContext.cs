using System.Diagnostics;
using Confluent.Kafka;
using RecoFunctions.Core.Telemetry;

namespace RecoFunctions.Runtime.Telemetry;

/// <summary>W3C trace context on Confluent.Kafka records: read from consumed ones, stamped on dead letters.</summary>
internal static class KafkaTraceContext
{
    /// <summary>The trace context of each record, <see langword="default"/> where it has none; read lazily.</summary>
    public static IEnumerable<ActivityContext> Of(IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> records)
    {
        foreach (var record in records)
        {
            yield return Of(record.Message.Headers);
        }
    }

    public static ActivityContext Of(Headers? headers) =>
        headers is null ? default : TraceContextHeaders.Parse(Last(headers, TraceContextHeaders.TraceParent), Last(headers, TraceContextHeaders.TraceState));

    /// <summary>
    /// Replaces the trace headers copied from the original with the context the dead letter continues
    /// (<see cref="TraceContextHeaders.ForDeadLetter"/>): the batch's span when it is in the record's trace.
    /// </summary>
    public static void StampDeadLetter(Headers headers, Activity? current)
    {
        var original = Of(headers);
        var context = TraceContextHeaders.ForDeadLetter(original, current);
        if (context == default || context == original)
        {
            return;
        }

        var state = context == current?.Context ? current.TraceStateString : null;
        headers.Remove(TraceContextHeaders.TraceParent);
        headers.Remove(TraceContextHeaders.TraceState);
        headers.Add(TraceContextHeaders.TraceParent, System.Text.Encoding.UTF8.GetBytes(TraceContextHeaders.Format(context)));
        if (!string.IsNullOrEmpty(state))
        {
            headers.Add(TraceContextHeaders.TraceState, System.Text.Encoding.UTF8.GetBytes(state));
        }
    }

    private static byte[]? Last(Headers headers, string key) => headers.TryGetLastBytes(key, out var value) ? value : null;
}
