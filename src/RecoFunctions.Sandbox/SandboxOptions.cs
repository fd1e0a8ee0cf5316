namespace RecoFunctions.Sandbox;

/// <summary>How the sandbox services start and behave before any knob is turned.</summary>
public sealed class SandboxOptions
{
    /// <summary>IP address to listen on; loopback by default.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>TCP port shared by all services; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Seeds the random error and jitter draws, so that a run can be repeated.</summary>
    public int Seed { get; set; } = 20261121;

    /// <summary>Content ids starting with this do not exist (404, <c>notFound</c>) and are unknown to the recommender.</summary>
    public string MissingContentPrefix { get; set; } = "missing-";

    /// <summary>Placement ids starting with this do not exist.</summary>
    public string UnknownPlacementPrefix { get; set; } = "unknown-";

    /// <summary>Delivery keys starting with this are rejected by the recommender.</summary>
    public string RejectedKeyPrefix { get; set; } = "rejected-";

    /// <summary>Words in a synthesised content body.</summary>
    public int ContentBodyWords { get; set; } = 60;

    /// <summary>Largest batch a batch endpoint accepts; larger ones are answered 400.</summary>
    public int MaxBatchItems { get; set; } = 1000;

    /// <summary>Deliveries remembered per key for <c>GET /_sandbox/deliveries</c> (the newest ones); counts are always complete.</summary>
    public int MaxHistoryPerKey { get; set; } = 100;

    /// <summary>Significant digits of the end-to-end latency percentiles (HdrHistogram's precision, 1 to 5).</summary>
    public int LatencySignificantDigits { get; set; } = Core.Diagnostics.LatencyHistograms.DefaultSignificantDigits;

    /// <summary>Initial latency of every service (a knob afterwards).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Initial random extra latency of every service, uniformly drawn from zero to this.</summary>
    public TimeSpan LatencyJitter { get; set; }

    /// <summary>When set, every service call must carry it in <see cref="ApiKeyHeader"/> (401 otherwise).</summary>
    public string? ApiKey { get; set; }

    public string ApiKeyHeader { get; set; } = "X-Api-Key";

    internal void Validate()
    {
        if (!System.Net.IPAddress.TryParse(Host, out _))
        {
            throw new ArgumentException($"Sandbox host '{Host}' is not an IP address.", nameof(Host));
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "A port lies between 0 and 65535.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(ContentBodyWords);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchItems, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxHistoryPerKey);
        ArgumentOutOfRangeException.ThrowIfLessThan(Latency, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(LatencyJitter, TimeSpan.Zero);
    }
}
