using RecoFunctions.Sandbox.Recording;

namespace RecoFunctions.Sandbox.Wire;

/// <summary>Answer of <c>GET /_sandbox/features/calls</c>: every call of <c>POST /features/batch</c>, oldest first.</summary>
public sealed record FeatureCallsView(IReadOnlyList<FeatureCall> Calls);
