namespace RecoFunctions.Local.Bench;

/// <summary>One target of the design, what was measured against it, and whether it was met.</summary>
internal sealed record TargetResult(string Name, string Target, string Measured, bool Passed);
