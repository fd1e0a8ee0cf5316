using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace RecoFunctions.Core.Resilience;

/// <summary>Builds a service's pipeline, outer to inner: total timeout, retry, circuit breaker, per-attempt timeout.</summary>
internal static class ServicePipelineFactory
{
    public static ResiliencePipeline<HttpResponseMessage> Create(
        string service, ServiceResilienceOptions options, ServiceBreaker breaker, TimeProvider timeProvider, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>
        {
            Name = service,
            TimeProvider = timeProvider,
        };

        builder.AddTimeout(new TimeoutStrategyOptions { Name = "total-timeout", Timeout = options.TotalTimeout });
        if (options.Retry.MaxAttempts > 0)
        {
            builder.AddRetry(CreateRetry(service, options.Retry, timeProvider, logger));
        }

        builder.AddCircuitBreaker(CreateBreaker(service, options.CircuitBreaker, breaker, logger));
        builder.AddTimeout(new TimeoutStrategyOptions { Name = "attempt-timeout", Timeout = options.AttemptTimeout });
        return builder.Build();
    }

    private static RetryStrategyOptions<HttpResponseMessage> CreateRetry(
        string service, ServiceRetryOptions retry, TimeProvider timeProvider, ILogger logger) => new()
        {
            Name = "retry",
            MaxRetryAttempts = retry.MaxAttempts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = retry.UseJitter,
            Delay = retry.BaseDelay,
            MaxDelay = retry.MaxDelay,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, retry.MaxDelay, timeProvider)),
            DelayGenerator = args => ValueTask.FromResult(
                args.Outcome.Result is { } response ? RetryAfterHeader.GetDelay(response, timeProvider.GetUtcNow()) : null),
            OnRetry = args =>
            {
                LogRetry(logger, service, args.AttemptNumber + 1, args.RetryDelay, args.Outcome);
                return default;
            },
        };

    /// <summary>
    /// Transient failures are retried, except those whose Retry-After exceeds the backoff cap: holding a call that long
    /// would only run into the total timeout, so the answer goes back to the caller, who waits durably.
    /// </summary>
    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, TimeSpan maxDelay, TimeProvider timeProvider)
    {
        if (!TransientFailure.IsTransient(outcome))
        {
            return false;
        }

        return outcome.Result is not { } response || !(RetryAfterHeader.GetDelay(response, timeProvider.GetUtcNow()) > maxDelay);
    }

    private static CircuitBreakerStrategyOptions<HttpResponseMessage> CreateBreaker(
        string service, ServiceBreakerOptions options, ServiceBreaker breaker, ILogger logger) => new()
        {
            Name = "circuit-breaker",
            FailureRatio = options.FailureRatio,
            MinimumThroughput = options.MinimumThroughput,
            SamplingDuration = options.SamplingDuration,
            BreakDuration = options.BreakDuration,
            ShouldHandle = args => ValueTask.FromResult(TransientFailure.IsTransient(args.Outcome)),
            ManualControl = breaker.ManualControl,
            StateProvider = breaker.StateProvider,
            OnOpened = args =>
            {
                var until = breaker.OnOpened(args.BreakDuration, args.IsManual);
                if (args.IsManual)
                {
                    ResilienceLog.BreakerIsolated(logger, service, until);
                }
                else
                {
                    ResilienceLog.BreakerOpened(logger, service, until, Describe(args.Outcome));
                }

                return default;
            },
            OnHalfOpened = _ =>
            {
                ResilienceLog.BreakerHalfOpened(logger, service);
                return default;
            },
            OnClosed = args =>
            {
                breaker.OnClosed();
                ResilienceLog.BreakerClosed(logger, service, args.IsManual);
                return default;
            },
        };

    private static void LogRetry(ILogger logger, string service, int attempt, TimeSpan delay, Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is { } exception)
        {
            ResilienceLog.RetryAfterException(logger, service, attempt, delay.TotalMilliseconds, exception.GetType().Name, exception.Message);
        }
        else if (outcome.Result is { } response)
        {
            ResilienceLog.RetryAfterStatus(logger, service, attempt, delay.TotalMilliseconds, (int)response.StatusCode);
        }
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: { } exception } => exception.GetType().Name,
        { Result: { } response } => $"status {(int)response.StatusCode}",
        _ => "unknown",
    };
}
