namespace RecoFunctions.Core.Enrichment;

/// <summary>One content asked for in <c>POST /contents/batch</c>.</summary>
/// <remarks>
/// The parameterless constructor and the settable properties let the generated deserialiser fill an empty instance
/// (see <see cref="EnrichmentJsonContext"/>); the positional form stays for code that builds requests.
/// </remarks>
public sealed record ContentRef(string ContentId, long Version)
{
    public ContentRef()
        : this(string.Empty, 0)
    {
    }

    public string ContentId { get; set; } = ContentId;

    public long Version { get; set; } = Version;
}
