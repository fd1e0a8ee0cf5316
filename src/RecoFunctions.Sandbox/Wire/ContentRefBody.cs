using RecoFunctions.Core.Enrichment;

namespace RecoFunctions.Sandbox.Wire;

/// <summary>One content asked for in <see cref="ContentBatchBody"/>: the members of <see cref="ContentRef"/>.</summary>
internal sealed class ContentRefBody
{
    public string? ContentId { get; set; }

    public long Version { get; set; }
}
