using System.Text;
using System.Text.Json;

namespace RecoFunctions.Core.Services;

/// <summary>A downstream service answered with a non-success status.</summary>
internal sealed class ServiceCallException : Exception
{
    private const int MaxErrorBodyBytes = 4096;

    public ServiceCallException(ServiceFailure failure, int statusCode)
        : base(failure.Reason)
    {
        Failure = failure;
        StatusCode = statusCode;
    }

    public ServiceFailure Failure { get; }

    public int StatusCode { get; }

    public static async Task<ServiceCallException> FromResponseAsync(
        string service, HttpResponseMessage response, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var statusCode = (int)response.StatusCode;
        var message = await ReadMessageAsync(response, cancellationToken).ConfigureAwait(false);
        var retryAfter = RetryAfterOf(response, timeProvider);
        return new ServiceCallException(ServiceFailure.FromStatus(service, statusCode, message, retryAfter), statusCode);
    }

    /// <summary>The Retry-After header as a delay: seconds as sent, or the time left until the date sent.</summary>
    public static TimeSpan? RetryAfterOf(HttpResponseMessage response, TimeProvider timeProvider)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var left = date - timeProvider.GetUtcNow();
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }

        return null;
    }

    private static async Task<string?> ReadMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[MaxErrorBodyBytes];
                var length = 0;
                int read;
                while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                }

                return length == 0 ? null : Describe(buffer.AsSpan(0, length));
            }
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException)
        {
            // The status says enough; a broken error body must not hide it.
            return null;
        }
    }

    private static string? Describe(ReadOnlySpan<byte> body)
    {
        try
        {
            var error = JsonSerializer.Deserialize(body, ServicesJsonContext.Default.ServiceError);
            if (error is not null)
            {
                return error.Message ?? error.Error;
            }
        }
        catch (JsonException)
        {
            // Not one of ours: fall back to the text.
        }

        return Encoding.UTF8.GetString(body);
    }
}
