using System.Net;
using Polly;
using Polly.Timeout;

namespace RecoFunctions.Core.Resilience;

/// <summary>
/// What counts as transient for the downstream services: timeouts, connection failures, 408, 429 and 5xx. Other 4xx
/// answers are permanent: retrying cannot fix them and they say nothing about the service's health.
/// </summary>
public static class TransientFailure
{
    public static bool IsTransient(HttpStatusCode statusCode) =>
        statusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)statusCode >= 500;

    public static bool IsTransient(Exception exception) => exception switch
    {
        TimeoutRejectedException => true,
        HttpRequestException { StatusCode: { } status } => IsTransient(status),
        HttpRequestException => true,

        // HttpClient.Timeout surfaces as a cancellation caused by a TimeoutException.
        OperationCanceledException { InnerException: TimeoutException } => true,
        _ => false,
    };

    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } exception
            ? IsTransient(exception)
            : outcome.Result is { } response && IsTransient(response.StatusCode);
}
