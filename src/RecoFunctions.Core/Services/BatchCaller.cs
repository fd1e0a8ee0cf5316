using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Diagnostics;

namespace RecoFunctions.Core.Services;

/// <summary>
/// Calls a batch endpoint for many items: splits them into chunks of the service's <see cref="ServiceEndpointOptions.BatchSize"/>,
/// runs the chunks concurrently within the service's concurrency bound, and fails only a failed chunk's own items.
/// </summary>
internal sealed class BatchCaller(
    ServiceCallGate gate,
    IOptionsMonitor<ServiceEndpointOptions> options,
    ServiceMetrics metrics,
    TimeProvider timeProvider,
    ILogger<BatchCaller> logger)
{
    /// <summary>
    /// Runs <paramref name="callChunk"/> (call the service for one chunk, record the per-item answers) per chunk; when a
    /// chunk's call fails, <paramref name="failChunk"/> records the failure for every item of that chunk.
    /// </summary>
    public Task RunAsync<TItem>(
        string service,
        string operation,
        IReadOnlyList<TItem> items,
        Func<ArraySegment<TItem>, CancellationToken, Task> callChunk,
        Action<ArraySegment<TItem>, ServiceFailure> failChunk,
        CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return Task.CompletedTask;
        }

        var all = items as TItem[] ?? [.. items];
        var size = options.Get(service).BatchSize;
        if (all.Length <= size)
        {
            return RunChunkAsync(service, operation, new ArraySegment<TItem>(all), callChunk, failChunk, cancellationToken);
        }

        var chunks = new Task[(all.Length + size - 1) / size];
        for (var i = 0; i < chunks.Length; i++)
        {
            var offset = i * size;
            var chunk = new ArraySegment<TItem>(all, offset, Math.Min(size, all.Length - offset));
            chunks[i] = RunChunkAsync(service, operation, chunk, callChunk, failChunk, cancellationToken);
        }

        return Task.WhenAll(chunks);
    }

    private async Task RunChunkAsync<TItem>(
        string service,
        string operation,
        ArraySegment<TItem> chunk,
        Func<ArraySegment<TItem>, CancellationToken, Task> callChunk,
        Action<ArraySegment<TItem>, ServiceFailure> failChunk,
        CancellationToken cancellationToken)
    {
        using var slot = await gate.EnterAsync(service, cancellationToken).ConfigureAwait(false);
        var started = timeProvider.GetTimestamp();
        try
        {
            await callChunk(chunk, cancellationToken).ConfigureAwait(false);
            metrics.RecordCall(service, operation, "ok", timeProvider.GetElapsedTime(started));
        }
        catch (Exception exception) when (ServiceFailureClassifier.Classify(service, exception, cancellationToken) is { } failure)
        {
            metrics.RecordCall(service, operation, failure.IsTransient ? "transient" : "permanent", timeProvider.GetElapsedTime(started));
            LogFailure(service, operation, chunk.Count, failure, exception);
            failChunk(chunk, failure);
        }
    }

    private void LogFailure(string service, string operation, int itemCount, ServiceFailure failure, Exception exception)
    {
        if (exception is ServiceCallException or Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException
            or HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
        {
            ServicesLog.CallFailed(logger, service, operation, itemCount, failure.IsTransient, failure.Reason);
        }
        else
        {
            ServicesLog.CallFailedUnexpectedly(logger, exception, service, operation, itemCount);
        }
    }
}
