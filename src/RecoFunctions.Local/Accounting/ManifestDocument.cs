namespace RecoFunctions.Local.Accounting;

/// <summary>The JSON shape of a <see cref="WorkloadManifest"/>; valid pairs are written as <c>{"art-1000":[[1,57],[59,60]]}</c>.</summary>
internal sealed record ManifestDocument(int FormatVersion, DateTimeOffset CreatedAt, string Source, long? Seed, long Produced, long Failed, IReadOnlyList<FlowDocument> Flows)
{
    public const int CurrentFormat = 1;

    public static ManifestDocument From(WorkloadManifest manifest) => new(
        CurrentFormat,
        manifest.CreatedAt,
        manifest.Source,
        manifest.Seed,
        manifest.Produced,
        manifest.Failed,
        [.. manifest.Flows.Select(FlowDocument.From)]);

    public WorkloadManifest ToManifest()
    {
        if (FormatVersion != CurrentFormat)
        {
            throw new InvalidDataException($"manifest format {FormatVersion} is not supported (this reco reads format {CurrentFormat})");
        }

        var manifest = new WorkloadManifest(CreatedAt, Source ?? "unknown", Seed);
        foreach (var flow in Flows ?? [])
        {
            manifest.Add(flow.ToFlow());
        }

        return manifest;
    }
}
