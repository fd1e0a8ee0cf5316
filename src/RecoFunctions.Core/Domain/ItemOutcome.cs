using System.Text.Json.Serialization;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Messaging;

namespace RecoFunctions.Core.Domain;

/// <summary>What happened to one message in one attempt; a failed one carries its typed <see cref="Failure"/>.</summary>
public sealed record ItemOutcome(MessageId Id, OutcomeKind Kind, DeadLetterFailure? Failure = null, TimeSpan? RetryAfter = null)
{
    public bool IsFinished => Kind is OutcomeKind.Delivered or OutcomeKind.Stale or OutcomeKind.DeadLettered;

    /// <summary>The failure's stage name (<see cref="PipelineStage"/>), null for a success.</summary>
    [JsonIgnore]
    public string? Stage => Failure?.StageName;

    /// <summary>The failure's one-line detail, null for a success.</summary>
    [JsonIgnore]
    public string? Reason => Failure?.Detail;

    public static ItemOutcome Delivered(MessageId id) => new(id, OutcomeKind.Delivered);

    public static ItemOutcome Stale(MessageId id) => new(id, OutcomeKind.Stale);

    public static ItemOutcome DeadLetter(MessageId id, DeadLetterFailure failure) => new(id, OutcomeKind.DeadLettered, failure);

    public static ItemOutcome Later(MessageId id, DeadLetterFailure failure, TimeSpan? retryAfter = null) =>
        new(id, OutcomeKind.RetryLater, failure, retryAfter);
}
