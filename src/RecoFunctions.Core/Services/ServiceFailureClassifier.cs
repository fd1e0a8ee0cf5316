using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace RecoFunctions.Core.Services;

/// <summary>Turns what a service call threw into a <see cref="ServiceFailure"/>: non-transient 4xx are permanent, the rest transient.</summary>
internal static class ServiceFailureClassifier
{
    /// <returns><see langword="null"/> when the caller itself cancelled: that is no failure of the service and must propagate.</returns>
    public static ServiceFailure? Classify(string service, Exception exception, CancellationToken callerToken)
    {
        return exception switch
        {
            OperationCanceledException when callerToken.IsCancellationRequested => null,
            ServiceCallException call => call.Failure,
            BrokenCircuitException broken => ServiceFailure.Labelled(service, true, "circuit open", retryAfter: broken.RetryAfter),
            TimeoutRejectedException => ServiceFailure.Labelled(service, true, "timeout"),
            OperationCanceledException => ServiceFailure.Labelled(service, true, "timeout"),
            HttpRequestException http => ServiceFailure.Labelled(service, true, $"connection failed ({http.HttpRequestError})"),
            JsonException => ServiceFailure.Labelled(service, true, "unreadable answer"),
            _ => ServiceFailure.Labelled(service, true, $"unexpected {exception.GetType().Name}"),
        };
    }
}
