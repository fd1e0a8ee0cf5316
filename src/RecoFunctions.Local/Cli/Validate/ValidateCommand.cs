using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Intake;
using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Runtime.Hosting;

namespace RecoFunctions.Local.Cli.Validate;

/// <summary><c>reco validate --flow content [FILE|-]</c>: checks JSON Lines against a flow's configured rules, offline.</summary>
internal static class ValidateCommand
{
    public static Command Create(GlobalOptions global, RecoConsole console)
    {
        var flowOption = new Option<string>("--flow", "-f")
        {
            Description = "The flow whose rules apply: a name under Pipeline:Flows in the configuration (content, campaign or interactions as shipped).",
            HelpName = "FLOW",
            Required = true,
        };
        var invalidOnlyOption = new Option<bool>("--invalid-only")
        {
            Description = "Print verdicts for invalid lines only (the summary still counts every line).",
        };
        var inputArgument = new Argument<string>("FILE")
        {
            Description = "JSON Lines file with one message value per line; '-' or nothing reads standard input.",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => "-",
        };

        var command = new Command("validate",
            "Parse and validate messages as the pipeline would, without Kafka. Prints one JSON verdict per input line to " +
            "standard output and a summary with counts by rule to standard error. Lines have no Kafka key, so matchesKey " +
            "rules are skipped; lines longer than Pipeline:MaxPayloadBytes are rejected without being read into memory. " +
            "Exit code: 0 all valid, 1 some invalid, 2 bad arguments, configuration or input.")
        {
            flowOption,
            invalidOnlyOption,
            inputArgument,
        };

        command.SetAction((parseResult, cancellationToken) => RunAsync(
            console,
            parseResult.GetValue(global.Environment),
            parseResult.GetValue(global.Config),
            parseResult.GetRequiredValue(flowOption),
            parseResult.GetValue(inputArgument) ?? "-",
            parseResult.GetValue(invalidOnlyOption),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        RecoConsole console, string? environment, FileInfo? config, string flowName, string input, bool invalidOnly, CancellationToken cancellationToken)
    {
        try
        {
            var configuration = RecoConfiguration.Build(console, environment, config);
            await using var services = CommandServices.Build(configuration, static (s, c) => s.AddRecoPipeline(c));
            var flows = services.GetRequiredService<FlowRegistry>();
            if (!flows.TryGetByName(flowName, out var flow))
            {
                throw new RecoStartupException(
                    $"--flow {flowName}: no enabled flow has this name (flows: {string.Join(", ", flows.Flows.Select(f => f.Name))}).");
            }

            var fromStandardInput = input == "-";
            var source = fromStandardInput ? "stdin" : input;
            var stream = fromStandardInput ? console.Input : OpenFile(input);
            try
            {
                var validation = new JsonLinesValidation(services.GetRequiredService<MessageIntake>(), flow, invalidOnly);
                var summary = await validation.RunAsync(stream, console.OutputStream, source, cancellationToken).ConfigureAwait(false);
                summary.WriteTo(console.Error, flow.Name, source);
                return summary.Invalid > 0 ? ExitCodes.Findings : ExitCodes.Success;
            }
            finally
            {
                // Standard input belongs to the process, not to this command.
                if (!fromStandardInput)
                {
                    await stream.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        catch (RecoStartupException exception)
        {
            foreach (var problem in exception.Problems)
            {
                await console.Error.WriteLineAsync($"reco validate: {problem}").ConfigureAwait(false);
            }

            return ExitCodes.Usage;
        }
        catch (IOException exception)
        {
            await console.Error.WriteLineAsync($"reco validate: cannot read {input}: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
    }

    private static FileStream OpenFile(string input)
    {
        try
        {
            return new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan | FileOptions.Asynchronous);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new RecoStartupException($"cannot open {input}: {exception.Message}");
        }
    }
}
