namespace RecoFunctions.Core.Parsing;

/// <summary>One broken rule: the JSON path it concerns (e.g. <c>$.content.tags[2]</c>, or <c>$</c> for the whole message) and the rule's name.</summary>
public sealed record Violation(string Path, string Rule, string Message);
