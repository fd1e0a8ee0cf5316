using System.Net;

namespace RecoFunctions.Core.Resilience;

/// <summary>Reads <c>Retry-After</c> (delta-seconds or HTTP-date) from 429 and 503 answers.</summary>
public static class RetryAfterHeader
{
    /// <summary>The delay the service asks for, measured from <paramref name="now"/>; null when it asks for none.</summary>
    public static TimeSpan? GetDelay(HttpResponseMessage response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
        {
            return null;
        }

        return response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
            { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
            _ => null,
        };
    }
}
