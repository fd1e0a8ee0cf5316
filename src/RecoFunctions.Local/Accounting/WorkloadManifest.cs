using System.Text.Json;
using RecoFunctions.Core.Flows;

namespace RecoFunctions.Local.Accounting;

/// <summary>
/// What a run produced, per flow, and what must become of it: the expectation a <see cref="DeliveryAudit"/> checks the
/// recommender and the dead-letter topics against. Written by <c>reco produce --manifest FILE</c> as JSON.
/// </summary>
public sealed class WorkloadManifest
{
    private readonly List<FlowManifest> _flows = [];

    public WorkloadManifest(DateTimeOffset createdAt, string source, long? seed = null)
    {
        CreatedAt = createdAt;
        Source = source;
        Seed = seed;
    }

    public DateTimeOffset CreatedAt { get; }

    /// <summary><c>generated</c> or the replayed file.</summary>
    public string Source { get; }

    public long? Seed { get; }

    public IReadOnlyList<FlowManifest> Flows => _flows;

    public long Produced => _flows.Sum(flow => flow.Produced);

    public long Failed => _flows.Sum(flow => flow.Failed);

    public FlowManifest GetOrAdd(FlowDefinition flow, string deliveryKind)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return Find(flow.Name) ?? Add(new FlowManifest(flow.Name, flow.Topic, flow.DeadLetterTopic, deliveryKind));
    }

    public FlowManifest? Find(string flow) => _flows.FirstOrDefault(candidate => string.Equals(candidate.Flow, flow, StringComparison.Ordinal));

    public FlowManifest Add(FlowManifest flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        if (Find(flow.Flow) is not null)
        {
            throw new ArgumentException($"The manifest already has flow '{flow.Flow}'.", nameof(flow));
        }

        _flows.Add(flow);
        return flow;
    }

    public async Task SaveAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var temporary = path + ".tmp";
        var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            await SaveAsync(stream, cancellationToken).ConfigureAwait(false);
        }

        // Readers never see half a manifest.
        File.Move(temporary, path, overwrite: true);
    }

    public Task SaveAsync(Stream stream, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeAsync(stream, ManifestDocument.From(this), AccountingJsonContext.Default.ManifestDocument, cancellationToken);

    /// <exception cref="InvalidDataException">The file is not a manifest this version understands.</exception>
    public static async Task<WorkloadManifest> LoadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            return await LoadAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <exception cref="InvalidDataException">The content is not a manifest this version understands.</exception>
    public static async Task<WorkloadManifest> LoadAsync(Stream stream, CancellationToken cancellationToken)
    {
        ManifestDocument? document;
        try
        {
            document = await JsonSerializer.DeserializeAsync(stream, AccountingJsonContext.Default.ManifestDocument, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"not a workload manifest: {exception.Message}", exception);
        }

        return document?.ToManifest() ?? throw new InvalidDataException("not a workload manifest: the content is null");
    }
}
