using System.Globalization;
using System.Text.RegularExpressions;
using RecoFunctions.Local.Accounting;
using RecoFunctions.Local.Drills;
using RecoFunctions.Local.Workload;

namespace RecoFunctions.Local.Bench;

/// <summary>
/// Offers a phase's events from a <c>reco produce</c> process while the pipeline consumes, so that producing costs the
/// pipeline's process nothing: its processor time stays the pipeline's alone.
/// </summary>
internal static partial class ChildProducer
{
    /// <param name="recoDll">The <c>reco.dll</c> to run.</param>
    /// <param name="globalArguments">The configuration options the bench was given, for the producer too.</param>
    /// <param name="bootstrap">The broker.</param>
    /// <param name="environment">Configuration overrides: the phase's topics.</param>
    /// <param name="spec">What to produce: a clean stream with <see cref="WorkloadSpec.InvalidShare"/> the only share.</param>
    /// <param name="manifestPath">Where the producer writes the manifest.</param>
    /// <param name="timeout">How long producing may take.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public static async Task<FedStream> ProduceAsync(
        string recoDll,
        IReadOnlyList<string> globalArguments,
        string bootstrap,
        IReadOnlyDictionary<string, string> environment,
        WorkloadSpec spec,
        string manifestPath,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        string[] args =
        [
            "produce", .. globalArguments, "--bootstrap", bootstrap,
            "--count", Invariant(spec.Count), "--rate", Invariant(spec.Rate), "--seed", Invariant(spec.Seed), "--keys", Invariant(spec.Keys),
            "--invalid-share", Invariant(spec.InvalidShare), "--hostile-share", "0", "--duplicate-share", "0", "--out-of-order-share", "0", "--missing-share", "0",
            "--manifest", manifestPath,
        ];
        await using var producer = RecoProcess.Start(recoDll, args, environment);
        int exit;
        try
        {
            exit = await producer.WaitForExitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (DrillException exception)
        {
            throw new TimeoutException($"The bench's producer: {exception.Message}", exception);
        }

        if (exit != 0)
        {
            throw new InvalidOperationException($"Producing failed: reco produce exited with {exit}: {producer.ErrorTail()}");
        }

        var manifest = await WorkloadManifest.LoadAsync(manifestPath, cancellationToken).ConfigureAwait(false);
        return new FedStream(manifest.Produced, RateOf(producer.ErrorLines()), manifest);
    }

    /// <summary>The rate in <c>reco produce</c>'s summary line (<c>sent N of M messages to B in S s (R msg/s, …</c>).</summary>
    private static double? RateOf(IEnumerable<string> lines) => lines
        .Select(line => SummaryRate().Match(line))
        .Where(match => match.Success)
        .Select(match => (double?)double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture))
        .FirstOrDefault();

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^reco produce: sent \d+ of \d+ messages .* \((\d+) msg/s")]
    private static partial Regex SummaryRate();
}
