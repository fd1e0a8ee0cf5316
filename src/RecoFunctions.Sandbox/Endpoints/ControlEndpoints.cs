using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RecoFunctions.Core.Diagnostics;
using RecoFunctions.Sandbox.Knobs;
using RecoFunctions.Sandbox.Recording;
using RecoFunctions.Sandbox.Wire;

namespace RecoFunctions.Sandbox.Endpoints;

/// <summary>The sandbox's own endpoints under <c>/_sandbox</c>: stats, recorded deliveries, received versions, knobs, reset. Never subject to knobs.</summary>
internal static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, SandboxState state)
    {
        routes.MapGet("/_sandbox/stats", context =>
            HttpJson.WriteAsync(context, StatusCodes.Status200OK, Stats(state), SandboxJsonContext.Default.StatsView));
        routes.MapGet("/_sandbox/deliveries", context => DeliveriesAsync(context, state));
        routes.MapGet("/_sandbox/received", context => ReceivedStream.WriteAsync(context, state.Recorder));
        routes.MapGet("/_sandbox/knobs", context =>
            HttpJson.WriteAsync(context, StatusCodes.Status200OK, KnobsViews.Of(state.Knobs), SandboxJsonContext.Default.KnobsView));
        routes.MapPost("/_sandbox/knobs", context => UpdateKnobsAsync(context, state));
        routes.MapPost("/_sandbox/reset", context =>
        {
            state.Knobs.Reset();
            state.Recorder.Reset();
            state.Features.Reset();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
    }

    private static StatsView Stats(SandboxState state)
    {
        var stats = state.Recorder.GetStats();
        return new StatsView(
            stats.Received,
            stats.Applied,
            stats.StaleIgnored,
            stats.Rejected,
            stats.DuplicatesApplied,
            stats.DistinctKeys,
            View(stats.Latency) with { Curve = state.Recorder.LatencySnapshot().PercentileCurve() },
            state.Knobs.All.ToDictionary(knobs => knobs.Name, knobs => new ServiceCallsView(knobs.TotalCalls, knobs.InjectedFailures, knobs.CallsByEndpoint)));
    }

    private static LatencyView View(LatencySummary latency) =>
        new(latency.Count, latency.P50.TotalMilliseconds, latency.P95.TotalMilliseconds, latency.P99.TotalMilliseconds, latency.Max.TotalMilliseconds);

    private static Task DeliveriesAsync(HttpContext context, SandboxState state)
    {
        var key = context.Request.Query["key"].ToString();
        if (string.IsNullOrEmpty(key))
        {
            return HttpJson.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalidRequest", "the key query parameter is required");
        }

        var kind = context.Request.Query["kind"].ToString();
        var records = state.Recorder.GetDeliveries(key, string.IsNullOrEmpty(kind) ? null : kind);
        var view = new DeliveriesView(
            key,
            state.Recorder.GetHeldVersion(Core.Delivery.DeliveryKinds.Item, key),
            state.Recorder.GetHeldVersion(Core.Delivery.DeliveryKinds.Campaign, key),
            [.. records.Select(View)]);
        return HttpJson.WriteAsync(context, StatusCodes.Status200OK, view, SandboxJsonContext.Default.DeliveriesView);
    }

    private static DeliveryRecordView View(DeliveryRecord record) => new(
        record.Kind,
        record.Action,
        record.Version,
        record.Status,
        record.ReceivedAt,
        record.ProducedAt,
        (record.ReceivedAt - record.ProducedAt).TotalMilliseconds,
        record.Reason);

    private static async Task UpdateKnobsAsync(HttpContext context, SandboxState state)
    {
        var update = await HttpJson.ReadAsync(context, SandboxJsonContext.Default.KnobsUpdate).ConfigureAwait(false);
        if (update is null)
        {
            return;
        }

        IReadOnlyList<ServiceKnobs> targets;
        if (string.Equals(update.Service, "all", StringComparison.OrdinalIgnoreCase))
        {
            targets = state.Knobs.All;
        }
        else if (SandboxServiceNames.TryParse(update.Service, out var service))
        {
            targets = [state.Knobs[service]];
        }
        else
        {
            var known = string.Join(", ", SandboxServiceNames.All.Select(SandboxServiceNames.Of));
            await HttpJson.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalidRequest", $"service '{update.Service}' is not all or one of {known}")
                .ConfigureAwait(false);
            return;
        }

        try
        {
            foreach (var knobs in targets)
            {
                KnobsUpdates.Apply(update, knobs, state.TimeProvider);
            }
        }
        catch (ArgumentException exception)
        {
            await HttpJson.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalidRequest", exception.Message).ConfigureAwait(false);
            return;
        }

        await HttpJson.WriteAsync(context, StatusCodes.Status200OK, KnobsViews.Of(state.Knobs), SandboxJsonContext.Default.KnobsView).ConfigureAwait(false);
    }
}
