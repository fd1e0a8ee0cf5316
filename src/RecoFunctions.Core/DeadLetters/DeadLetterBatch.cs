namespace RecoFunctions.Core.DeadLetters;

/// <summary>Dead letters of one flow, to be produced to that flow's dead-letter topic (the input of the publishing activity).</summary>
public sealed record DeadLetterBatch(string Flow, IReadOnlyList<DeadLetterRecord> Records);
