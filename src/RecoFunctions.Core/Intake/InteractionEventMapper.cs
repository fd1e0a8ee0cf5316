using RecoFunctions.Core.Contracts;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Parsing;
using RecoFunctions.Core.Privacy;

namespace RecoFunctions.Core.Intake;

/// <summary>
/// Maps <see cref="InteractionEventV1"/> onto <see cref="InteractionEvent"/>: the user id becomes its pseudonym here, so
/// no later stage ever holds it, and what the windowed features do not need (session, position, device, placement) is
/// dropped.
/// </summary>
internal sealed class InteractionEventMapper(UserPseudonymiser pseudonymiser) : IEventMapper
{
    private static readonly Dictionary<string, InteractionKind> EventTypes = new(StringComparer.Ordinal)
    {
        ["interaction.view"] = InteractionKind.View,
        ["interaction.click"] = InteractionKind.Click,
        ["interaction.dwell"] = InteractionKind.Dwell,
        ["interaction.play"] = InteractionKind.Play,
        ["interaction.complete"] = InteractionKind.Complete,
        ["interaction.like"] = InteractionKind.Like,
        ["interaction.share"] = InteractionKind.Share,
    };

    public PipelineEvent? Map(ReadOnlySpan<byte> json, ref List<Violation>? violations)
    {
        if (!MappingChecks.TryRead(json, ContractsJsonContext.Default.InteractionEventV1, out var wire, ref violations))
        {
            return null;
        }

        var eventId = MappingChecks.Required(wire!.EventId, "$.eventId", ref violations);
        var kind = MappingChecks.Enum(wire.EventType, "$.eventType", EventTypes, ref violations);
        var occurredAt = MappingChecks.Required(wire.OccurredAt, "$.occurredAt", ref violations);
        var interaction = wire.Interaction;
        if (interaction is null)
        {
            MappingChecks.Add(ref violations, "$.interaction", RuleNames.Required, "is required");
            return null;
        }

        var userId = MappingChecks.Required(interaction.UserId, "$.interaction.userId", ref violations);
        var contentId = MappingChecks.Required(interaction.ContentId, "$.interaction.contentId", ref violations);
        return violations is null
            ? new InteractionEvent(eventId, kind, occurredAt, pseudonymiser.Pseudonymise(userId), contentId, interaction.DwellMs)
            : null;
    }
}
