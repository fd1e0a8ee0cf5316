using System.Text.Json;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Intake;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Local.Cli.Shared;

namespace RecoFunctions.Local.Cli.Validate;

/// <summary>Validates a JSON Lines stream against one flow, writing one verdict per line as it goes.</summary>
internal sealed class JsonLinesValidation(MessageIntake intake, FlowDefinition flow, bool invalidOnly)
{
    private static ReadOnlySpan<byte> NewLine => "\n"u8;

    /// <summary>Reads <paramref name="input"/> to its end; lines have no Kafka key, so <c>matchesKey</c> rules are skipped.</summary>
    public async Task<ValidationSummary> RunAsync(Stream input, Stream output, string source, CancellationToken cancellationToken)
    {
        var summary = new ValidationSummary();
        var reader = new JsonLinesReader(input, intake.MaxPayloadBytes);
        await using var buffered = new BufferedStream(output, 64 * 1024);
        await using var writer = new Utf8JsonWriter(buffered);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            var id = new MessageId(source, 0, line.Number);
            var result = line.IsOversized
                ? intake.RejectOversized(id, line.OversizedLength)
                : intake.Accept(flow, id, line.Value, key: null, keyKnown: false);
            summary.Add(result);
            if (!invalidOnly || !result.IsValid)
            {
                JsonSerializer.Serialize(writer, new LineVerdict(line.Number, result.IsValid, result.Violations), CliJsonContext.Default.LineVerdict);
                writer.Flush();
                writer.Reset();
                buffered.Write(NewLine);
            }

            // Someone typing lines, or a slow producer in a pipe, sees each verdict before reco waits for more input.
            if (!reader.HasBufferedLine)
            {
                await buffered.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await buffered.FlushAsync(cancellationToken).ConfigureAwait(false);
        return summary;
    }
}
