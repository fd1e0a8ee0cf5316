using RecoFunctions.Core.Messaging;

namespace RecoFunctions.Core.Domain;

/// <summary>What happened to one message in one attempt.</summary>
public sealed record ItemOutcome(MessageId Id, OutcomeKind Kind, string? Stage = null, string? Reason = null, TimeSpan? RetryAfter = null)
{
    public bool IsFinished => Kind is OutcomeKind.Delivered or OutcomeKind.Stale or OutcomeKind.DeadLettered;

    public static ItemOutcome Delivered(MessageId id) => new(id, OutcomeKind.Delivered);

    public static ItemOutcome Stale(MessageId id) => new(id, OutcomeKind.Stale);

    public static ItemOutcome DeadLetter(MessageId id, string stage, string reason) => new(id, OutcomeKind.DeadLettered, stage, reason);

    public static ItemOutcome Later(MessageId id, string stage, string reason, TimeSpan? retryAfter = null) =>
        new(id, OutcomeKind.RetryLater, stage, reason, retryAfter);
}
