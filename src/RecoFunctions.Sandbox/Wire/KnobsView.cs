namespace RecoFunctions.Sandbox.Wire;

/// <summary>Answer of <c>GET</c> and <c>POST /_sandbox/knobs</c>.</summary>
public sealed record KnobsView(IReadOnlyList<ServiceKnobsView> Services);
