using RecoFunctions.Core.DeadLetters;

namespace RecoFunctions.Core.Windowing;

/// <summary>The outcome of adding one event, with the failure to dead-letter it with when it was refused.</summary>
internal readonly record struct AddResult(AddOutcome Outcome, DeadLetterFailure? Failure = null)
{
    public static AddResult Added { get; } = new(AddOutcome.Added);

    public static AddResult Duplicate { get; } = new(AddOutcome.Duplicate);
}
