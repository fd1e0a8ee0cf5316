using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Contracts;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Intake;
using RecoFunctions.Core.Windowing;
using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Runtime.Hosting;

namespace RecoFunctions.Local.Bench.Interactions;

/// <summary>Builds what <see cref="InteractionBench"/> needs from the configuration and runs it.</summary>
internal static class InteractionBenchRun
{
    /// <summary>Partitions the stream is spread over, as the embedded Kafka's topics have by default.</summary>
    private const int Partitions = 8;

    private const int Runs = 2;

    public static async Task<int> RunAsync(RecoConsole console, string? environment, FileInfo? config, long count, CancellationToken cancellationToken)
    {
        try
        {
            var configuration = RecoConfiguration.Build(console, environment, config);
            await using var services = CommandServices.Build(configuration, static (collection, settings) =>
            {
                collection.AddRecoPipeline(settings);
                collection.AddWindowing(settings);
            });
            var flow = services.GetRequiredService<FlowRegistry>().Flows.FirstOrDefault(candidate => candidate.Contract == ContractKind.InteractionsV1)
                ?? throw new RecoStartupException("--flow interactions: no enabled flow has contract interactions.v1 (Pipeline:Flows:interactions:Enabled).");
            var bench = new InteractionBench(
                services.GetRequiredService<MessageIntake>(),
                services.GetRequiredService<IOptions<PipelineOptions>>().Value,
                flow,
                services.GetRequiredService<IOptions<WindowingOptions>>().Value,
                console.Output);
            var passed = await bench.RunAsync(count, Partitions, Runs, cancellationToken).ConfigureAwait(false);
            return passed ? ExitCodes.Success : ExitCodes.Findings;
        }
        catch (RecoStartupException exception)
        {
            foreach (var problem in exception.Problems)
            {
                await console.Error.WriteLineAsync($"reco bench: {problem}").ConfigureAwait(false);
            }

            return ExitCodes.Usage;
        }
    }
}
