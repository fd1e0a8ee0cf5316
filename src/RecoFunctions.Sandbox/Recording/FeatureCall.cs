namespace RecoFunctions.Sandbox.Recording;

/// <summary>One call of <c>POST /features/batch</c>: when it arrived and what became of its records.</summary>
public sealed record FeatureCall(DateTimeOffset ReceivedAt, int Records, int Applied, int Unchanged, int Rejected, int Overwritten);
