using System.Text.Json;
using RecoFunctions.Core.Contracts;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Parsing;
using RecoFunctions.Core.Privacy;

namespace RecoFunctions.Core.Intake;

/// <summary>
/// Maps an <see cref="InteractionEventV1"/> message onto <see cref="InteractionEvent"/>: the user id becomes its
/// pseudonym here, so no later stage ever holds it, and what the windowed features do not need (session, position,
/// device, placement) is not read.
/// </summary>
internal sealed class InteractionEventMapper(UserPseudonymiser pseudonymiser) : IEventMapper
{
    private static readonly WireNames<InteractionKind> EventTypes = new(
        ("interaction.view", InteractionKind.View),
        ("interaction.click", InteractionKind.Click),
        ("interaction.dwell", InteractionKind.Dwell),
        ("interaction.play", InteractionKind.Play),
        ("interaction.complete", InteractionKind.Complete),
        ("interaction.like", InteractionKind.Like),
        ("interaction.share", InteractionKind.Share));

    public PipelineEvent? Map(JsonElement root, ref List<Violation>? violations)
    {
        var (eventId, kind, occurredAt) = WireFields.Header(root, EventTypes, ref violations);
        if (WireFields.Object(root, "interaction"u8, "$.interaction", ref violations) is not { } interaction)
        {
            return null;
        }

        var userId = WireFields.RequiredText(interaction, "userId"u8, "$.interaction.userId", ref violations);
        var contentId = WireFields.RequiredText(interaction, "contentId"u8, "$.interaction.contentId", ref violations);
        var dwellMs = WireFields.OptionalInt64(interaction, "dwellMs"u8, "$.interaction.dwellMs", ref violations);
        return violations is null
            ? new InteractionEvent(eventId, kind, occurredAt, pseudonymiser.Pseudonymise(userId), contentId, dwellMs)
            : null;
    }
}
