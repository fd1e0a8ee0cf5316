using System.Net.Http.Json;
using System.Text.Json;
using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Sandbox.Recording;
using RecoFunctions.Sandbox.Wire;

namespace RecoFunctions.Local.Accounting;

/// <summary>Takes a <see cref="RecommenderSnapshot"/> of a sandbox in another process: <c>GET /_sandbox/stats</c> and the streamed <c>GET /_sandbox/received</c>.</summary>
public sealed class SandboxRecommenderClient(HttpClient http)
{
    private const int MaxLineBytes = 16 * 1024 * 1024;

    /// <exception cref="HttpRequestException">The sandbox did not answer, or answered an error.</exception>
    /// <exception cref="InvalidDataException">An answer was not what a sandbox sends.</exception>
    public async Task<RecommenderSnapshot> GetSnapshotAsync(CancellationToken cancellationToken)
    {
        var stats = await http.GetFromJsonAsync("_sandbox/stats", SandboxJsonContext.Default.StatsView, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException("GET /_sandbox/stats answered null");
        var counts = new DeliveryCounts(stats.Received, stats.Applied, stats.StaleIgnored, stats.Rejected, stats.DuplicatesApplied);

        using var response = await http.GetAsync("_sandbox/received", HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var received = new List<ReceivedVersions>();
            var reader = new JsonLinesReader(body, MaxLineBytes);
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (!line.IsOversized && !line.Value.IsEmpty)
                {
                    received.Add(Parse(line.Value.Span));
                }
            }

            return new RecommenderSnapshot(counts, received);
        }
    }

    private static ReceivedVersions Parse(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            var versions = new VersionRanges();
            foreach (var range in root.GetProperty("versions"u8).EnumerateArray())
            {
                versions.AddRange(range[0].GetInt64(), range[1].GetInt64());
            }

            return new ReceivedVersions(root.GetProperty("kind"u8).GetString()!, root.GetProperty("key"u8).GetString()!, root.GetProperty("held"u8).GetInt64(), versions);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException or ArgumentException)
        {
            throw new InvalidDataException($"GET /_sandbox/received sent a line that is not a received-versions record: {exception.Message}", exception);
        }
    }
}
