namespace RecoFunctions.Core.Windowing;

/// <summary>What the features need to know of a content item; an item the content API does not know has no kind and no tags.</summary>
public sealed record ContentFacts(string ContentId, string? Kind, IReadOnlyList<string> Tags);
