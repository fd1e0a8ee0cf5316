using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Parsing;

namespace RecoFunctions.Core.Intake;

/// <summary>The verdict of parsing and validating one message: a domain event, or the violations and the stage that found them.</summary>
public sealed record IntakeResult(MessageId Id, PipelineEvent? Event, IReadOnlyList<Violation> Violations, string Stage)
{
    public bool IsValid => Event is not null;

    /// <summary>A one-line reason for dead-letter headers and logs, e.g. <c>validate: maxLength at $.content.title</c>.</summary>
    public string Reason => IsValid ? string.Empty : $"{Stage}: {string.Join("; ", Violations.Select(v => $"{v.Rule} at {v.Path}"))}";

    /// <summary>Why the message is dead-lettered: the stage, the first violated rule and <see cref="Reason"/>; null when valid.</summary>
    public DeadLetterFailure? Failure => IsValid
        ? null
        : new DeadLetterFailure(DeadLetterStages.FromName(Stage), Reason) { Source = Violations.Count > 0 ? Violations[0].Rule : null };
}
