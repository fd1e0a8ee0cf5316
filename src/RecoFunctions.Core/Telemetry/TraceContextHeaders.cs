using System.Diagnostics;
using System.Text;

namespace RecoFunctions.Core.Telemetry;

/// <summary>
/// W3C trace context in Kafka headers (<c>traceparent</c>, <c>tracestate</c>, UTF-8 values): read from consumed
/// records, written into dead letters.
/// </summary>
public static class TraceContextHeaders
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    /// <summary>The remote context of a record's header values; <see langword="default"/> when absent or malformed.</summary>
    public static ActivityContext Parse(byte[]? traceParent, byte[]? traceState)
    {
        if (traceParent is not { Length: > 0 })
        {
            return default;
        }

        var state = traceState is { Length: > 0 } ? Encoding.UTF8.GetString(traceState) : null;
        return ActivityContext.TryParse(Encoding.UTF8.GetString(traceParent), state, isRemote: true, out var context) ? context : default;
    }

    /// <summary>The remote context of a record's headers (the last of each key); <see langword="default"/> when absent or malformed.</summary>
    public static ActivityContext Of(IReadOnlyList<Messaging.KafkaHeader> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        byte[]? traceParent = null, traceState = null;
        foreach (var header in headers)
        {
            if (string.Equals(header.Key, TraceParent, StringComparison.Ordinal))
            {
                traceParent = header.Value;
            }
            else if (string.Equals(header.Key, TraceState, StringComparison.Ordinal))
            {
                traceState = header.Value;
            }
        }

        return Parse(traceParent, traceState);
    }

    /// <summary>
    /// The context a dead letter carries: the current span when it continues the record's trace (or the record had
    /// none), else the record's own context, so a dead letter never joins a trace its record did not belong to.
    /// </summary>
    public static ActivityContext ForDeadLetter(ActivityContext original, Activity? current)
    {
        if (current is null)
        {
            return original;
        }

        return original == default || original.TraceId == current.TraceId ? current.Context : original;
    }

    /// <summary>The <c>traceparent</c> value of <paramref name="context"/> (version 00).</summary>
    public static string Format(ActivityContext context) =>
        $"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-{(context.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? "01" : "00")}";
}
