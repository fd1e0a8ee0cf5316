namespace RecoFunctions.Runtime;

/// <summary>Dead letters of one flow with one stage and reason (the failure's <see cref="Core.DeadLetters.DeadLetterFailure.Label"/>, e.g. <c>maxLength</c>, <c>content-api 404</c>).</summary>
public sealed record DeadLetterCount(string Flow, string Stage, string Reason, long Count);
