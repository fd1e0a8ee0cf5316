using System.Text.Json;
using RecoFunctions.Core.Contracts;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Intake;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Local.Cli.Shared;

namespace RecoFunctions.Local.Workload;

/// <summary>
/// Turns a JSON Lines file into workload messages for one flow: each line is a value, keyed by its content or campaign
/// id when that can be read, and judged as the pipeline will judge it (intake, then the sandbox's refusal conventions),
/// so that a replayed file can be audited like a generated workload. Blank lines are skipped.
/// </summary>
internal static class JsonLinesWorkload
{
    /// <summary>Lines longer than this are skipped rather than held in memory.</summary>
    public const int MaxLineBytes = 16 * 1024 * 1024;

    public static async Task<(List<WorkloadMessage> Messages, long SkippedLines)> ReadAsync(
        Stream input, string source, FlowDefinition flow, MessageIntake intake, CancellationToken cancellationToken)
    {
        var messages = new List<WorkloadMessage>();
        var classifier = new Classifier(flow, intake, source);
        var reader = new JsonLinesReader(input, MaxLineBytes);
        long skipped = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.IsOversized)
            {
                skipped++;
                continue;
            }

            if (line.Value.Span.Trim(" \t"u8).IsEmpty)
            {
                continue;
            }

            messages.Add(classifier.Classify(line.Number, line.Value.ToArray()));
        }

        return (messages, skipped);
    }

    private sealed class Classifier(FlowDefinition flow, MessageIntake intake, string source)
    {
        private readonly Dictionary<string, long> _highest = new(StringComparer.Ordinal);
        private readonly HashSet<(string, long)> _seen = [];

        public WorkloadMessage Classify(long lineNumber, byte[] value)
        {
            var key = KeyOf(value);
            var result = intake.Accept(flow, new MessageId(source, 0, lineNumber), value, key, keyKnown: true);
            if (!result.IsValid)
            {
                return new WorkloadMessage(flow, key, value, MessageCategory.Invalid, 0, result.Stage, result.Violations[0].Rule, $"line {lineNumber}: {result.Reason}");
            }

            var domainEvent = result.Event!;
            if (PermanentFailureStage(domainEvent) is { } stage)
            {
                return new WorkloadMessage(flow, key, value, MessageCategory.PermanentFailure, domainEvent.Version, stage, null, $"line {lineNumber}: refused at {stage}");
            }

            var category = !_seen.Add((domainEvent.Key, domainEvent.Version))
                ? MessageCategory.Duplicate
                : domainEvent.Version < _highest.GetValueOrDefault(domainEvent.Key) ? MessageCategory.OutOfOrder : MessageCategory.Valid;
            _highest[domainEvent.Key] = Math.Max(_highest.GetValueOrDefault(domainEvent.Key), domainEvent.Version);
            // The record keeps the key read from the value: an interaction's event key is a pseudonym, not what the topic is keyed by.
            return new WorkloadMessage(flow, key ?? domainEvent.Key, value, category, domainEvent.Version, null, null, $"line {lineNumber}");
        }

        private string? KeyOf(byte[] value)
        {
            try
            {
                return flow.Contract switch
                {
                    ContractKind.ContentV1 => JsonSerializer.Deserialize(value, ContractsJsonContext.Default.ContentEventV1)?.Content?.ContentId,
                    ContractKind.CampaignV1 => JsonSerializer.Deserialize(value, ContractsJsonContext.Default.CampaignEventV1)?.Campaign?.CampaignId,
                    ContractKind.InteractionsV1 => JsonSerializer.Deserialize(value, ContractsJsonContext.Default.InteractionEventV1)?.Interaction?.UserId,
                    _ => null,
                };
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static string? PermanentFailureStage(PipelineEvent domainEvent)
        {
            if (domainEvent.Key.StartsWith(SandboxConventions.RejectedKeyPrefix, StringComparison.Ordinal))
            {
                return PipelineStage.Deliver;
            }

            return domainEvent switch
            {
                ContentEvent { IsRemoval: false } content when content.Content.ContentId.StartsWith(SandboxConventions.MissingContentPrefix, StringComparison.Ordinal) => PipelineStage.Enrich,
                CampaignEvent { IsRetirement: false } campaign when campaign.Campaign.PlacementId.StartsWith(SandboxConventions.UnknownPlacementPrefix, StringComparison.Ordinal) => PipelineStage.Enrich,
                _ => null,
            };
        }
    }
}
