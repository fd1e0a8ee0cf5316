using RecoFunctions.Core.Parsing;

namespace RecoFunctions.Local.Cli.Validate;

/// <summary>One line of <c>reco validate</c> output: <c>{"line":3,"valid":false,"violations":[{"path":…,"rule":…,"message":…}]}</c>.</summary>
internal sealed record LineVerdict(long Line, bool Valid, IReadOnlyList<Violation> Violations);
