namespace RecoFunctions.Core.Enrichment;

/// <summary>One content asked for in <c>POST /contents/batch</c>.</summary>
public sealed record ContentRef(string ContentId, long Version);
