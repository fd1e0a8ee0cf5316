using System.Diagnostics;
using System.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Flows;

namespace RecoFunctions.Local.Bench;

/// <summary>The unmeasured warm-up before the phases.</summary>
internal sealed partial class BenchRunner
{
    /// <summary>Rounds at most, whatever the JIT still does.</summary>
    private const int MaxWarmUpRounds = 4;

    /// <summary>
    /// A round in which the JIT compiled fewer methods than this ends the warm-up: the hot code has reached its last
    /// tier. Not zero: every round builds new service providers, whose dynamic methods (and compiled regular
    /// expressions) alone take a few hundred, as they do in each measured phase.
    /// </summary>
    private const long SteadyJitMethods = 1_000;

    private static readonly TimeSpan JitQuiet = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan MaxJitSettle = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Runs the phases' code paths, unmeasured, on topics and consumer groups of their own, until the JIT is done
    /// with them, so that the measured phases run on steady-state (tier-1) code rather than paying for compilation
    /// and tiering; as a benchmark harness's warm-up iterations do. A round is the bare consumer and the pipeline at
    /// maximum rate over the warm-up backlog, then a burst at the fixed rate; rounds repeat while they still make the
    /// JIT compile much (tiered PGO recompiles a hot method twice, each time after a delay). Every phase resets the
    /// sandbox recorder when it starts, so nothing of the warm-up reaches a measured phase's figures.
    /// </summary>
    /// <returns>What ran, or null when <see cref="BenchSettings.WarmUp"/> is 0.</returns>
    private async Task<WarmUpFigures?> WarmUpAsync(CancellationToken cancellationToken)
    {
        if (_settings.WarmUp == 0)
        {
            return null;
        }

        var started = Stopwatch.GetTimestamp();
        var burst = _settings.WarmUpFixedRateEvents;
        await _progress.WriteLineAsync(
            $"reco bench: warm-up (not measured), rounds of {_settings.WarmUp:N0} events through the bare consumer and the pipeline at maximum rate and {burst:N0} at {_settings.Rate:N0} events/s, until the JIT is done")
            .ConfigureAwait(false);
        var configuration = PhaseConfiguration("warmup");
        List<string> topics;
        FedStream backlog;
        await using (var services = BuildServices(configuration))
        {
            var pipeline = services.GetRequiredService<IOptions<PipelineOptions>>().Value;
            topics = TopicsOf(services);
            backlog = FedStream.Of(await ProduceAsync(pipeline, Spec(_settings, _settings.WarmUp, rate: 0, seed: 3), BacklogProducerConfig(), cancellationToken).ConfigureAwait(false));
        }

        var rounds = 0;
        long compiled;
        do
        {
            rounds++;
            var before = JitInfo.GetCompiledMethodCount();
            await WarmUpRoundAsync(rounds, configuration, topics, backlog, burst, cancellationToken).ConfigureAwait(false);
            await WaitForJitQuietAsync(cancellationToken).ConfigureAwait(false);
            compiled = JitInfo.GetCompiledMethodCount() - before;
            await _progress.WriteLineAsync($"reco bench: warm-up round {rounds}: the JIT compiled {compiled:N0} methods").ConfigureAwait(false);
        }
        while (compiled >= SteadyJitMethods && rounds < MaxWarmUpRounds);

        // The measured phases start on a collected heap rather than collecting (and sampling) the warm-up's garbage.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return new WarmUpFigures(backlog.Sent, burst, rounds, compiled, Seconds(Stopwatch.GetElapsedTime(started)));
    }

    /// <summary>One round: every round reads the same backlog in a fresh consumer group, and offers its burst to topics of its own.</summary>
    private async Task WarmUpRoundAsync(
        int round, IConfiguration configuration, List<string> topics, FedStream backlog, long burst, CancellationToken cancellationToken)
    {
        await RunBareAsync(topics, backlog.Sent, cancellationToken).ConfigureAwait(false);
        await using (var services = BuildServices(configuration))
        {
            await RunPipelineAsync($"warmup-{round}-max-rate", services, _settings.MaxLatency, _ => Task.FromResult(backlog), cancellationToken).ConfigureAwait(false);
        }

        if (burst > 0)
        {
            var phase = $"warmup-{round}-rate";
            await using var services = BuildServices(PhaseConfiguration(phase));
            await RunPipelineAsync(
                $"warmup-{round}-fixed-rate", services, _settings.Latency, AtRate(phase, Spec(_settings, burst, _settings.Rate, seed: 3 + round), cancellationToken), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>Lets the JIT finish in the background what the round made hot: waits until it compiled nothing for a moment.</summary>
    private static async Task WaitForJitQuietAsync(CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        var count = JitInfo.GetCompiledMethodCount();
        while (waited.Elapsed < MaxJitSettle)
        {
            await Task.Delay(JitQuiet, cancellationToken).ConfigureAwait(false);
            var now = JitInfo.GetCompiledMethodCount();
            if (now == count)
            {
                return;
            }

            count = now;
        }
    }
}
