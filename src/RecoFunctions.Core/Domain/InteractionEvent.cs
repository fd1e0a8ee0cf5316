namespace RecoFunctions.Core.Domain;

/// <summary>
/// A validated interaction, already pseudonymised: <see cref="UserKey"/> is the keyed hash of the user id, never the id.
/// Only what the windowed features need is kept; session, position, device and placement are dropped at intake.
/// </summary>
public sealed record InteractionEvent(
    string EventId,
    InteractionKind Kind,
    DateTimeOffset OccurredAt,
    string UserKey,
    string ContentId,
    long? DwellMs)
    : PipelineEvent(EventId, OccurredAt)
{
    public override string Key => UserKey;

    /// <summary>Interactions are facts, not versions of a record; event time orders them.</summary>
    public override long Version => OccurredAt.ToUnixTimeMilliseconds();

    public override string EventTypeName => Kind switch
    {
        InteractionKind.View => "interaction.view",
        InteractionKind.Click => "interaction.click",
        InteractionKind.Dwell => "interaction.dwell",
        InteractionKind.Play => "interaction.play",
        InteractionKind.Complete => "interaction.complete",
        InteractionKind.Like => "interaction.like",
        InteractionKind.Share => "interaction.share",
        _ => throw new InvalidOperationException($"Unknown interaction kind {Kind}."),
    };
}
