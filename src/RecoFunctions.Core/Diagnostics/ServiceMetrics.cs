using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RecoFunctions.Core.Diagnostics;

/// <summary>Counters for downstream calls and batch outcomes, on the meter <see cref="MeterName"/>.</summary>
internal sealed class ServiceMetrics
{
    public const string MeterName = "RecoFunctions";

    private readonly Counter<long> _calls;
    private readonly Histogram<double> _callDuration;
    private readonly Counter<long> _outcomes;

    public ServiceMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _calls = meter.CreateCounter<long>("reco.service.calls", "{call}", "Downstream service calls by service, operation and result.");
        _callDuration = meter.CreateHistogram<double>("reco.service.call.duration", "s", "Duration of downstream service calls, retries included.");
        _outcomes = meter.CreateCounter<long>("reco.batch.outcomes", "{message}", "Outcomes of enrichment and delivery by flow, kind and stage.");
    }

    /// <summary>One call; <paramref name="result"/> is <c>ok</c>, <c>transient</c> or <c>permanent</c>.</summary>
    public void RecordCall(string service, string operation, string result, TimeSpan duration)
    {
        var tags = new TagList
        {
            { "service", service },
            { "operation", operation },
            { "result", result },
        };
        _calls.Add(1, tags);
        _callDuration.Record(duration.TotalSeconds, tags);
    }

    public void RecordOutcomes(string flow, string kind, string? stage, long count)
    {
        if (count == 0)
        {
            return;
        }

        var tags = new TagList
        {
            { "flow", flow },
            { "outcome", kind },
            { "stage", stage ?? string.Empty },
        };
        _outcomes.Add(count, tags);
    }
}
