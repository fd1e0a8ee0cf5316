using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using RecoFunctions.Core.Tests.Support;

namespace RecoFunctions.Core.Tests.Resilience;

/// <summary>
/// An in-memory downstream service: answers call N (1-based) with the script's response, counts calls and records the
/// (virtual) time of each.
/// </summary>
internal sealed class ScriptedHandler(TimeProvider timeProvider, Func<int, CancellationToken, Task<HttpResponseMessage>> script) : HttpMessageHandler
{
    private readonly ConcurrentQueue<DateTimeOffset> _callTimes = new();

    public CountSignal Calls { get; } = new();

    public IReadOnlyList<DateTimeOffset> CallTimes => [.. _callTimes];

    public static ScriptedHandler Always(TimeProvider timeProvider, HttpStatusCode status) =>
        new(timeProvider, (_, _) => Task.FromResult(Respond(status)));

    /// <summary>Answers the first calls with <paramref name="first"/>, every later one with <paramref name="then"/>.</summary>
    public static ScriptedHandler FirstThen(TimeProvider timeProvider, int count, Func<HttpResponseMessage> first, HttpStatusCode then) =>
        new(timeProvider, (call, _) => Task.FromResult(call <= count ? first() : Respond(then)));

    public static HttpResponseMessage Respond(HttpStatusCode status) => new(status) { Content = new StringContent("{}") };

    public static HttpResponseMessage RetryAfter(HttpStatusCode status, TimeSpan delta)
    {
        var response = Respond(status);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(delta);
        return response;
    }

    public static HttpResponseMessage RetryAfter(HttpStatusCode status, DateTimeOffset date)
    {
        var response = Respond(status);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(date);
        return response;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _callTimes.Enqueue(timeProvider.GetUtcNow());
        var call = Calls.Increment();
        return script(call, cancellationToken);
    }
}
