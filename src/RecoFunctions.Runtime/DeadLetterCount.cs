namespace RecoFunctions.Runtime;

/// <summary>Dead letters of one flow with one stage and reason (the reason without per-message detail, e.g. <c>maxLength at $.content.title</c>).</summary>
public sealed record DeadLetterCount(string Flow, string Stage, string Reason, long Count);
