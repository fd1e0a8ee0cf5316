using RecoFunctions.Sandbox.Catalog;
using RecoFunctions.Sandbox.Knobs;
using RecoFunctions.Sandbox.Recording;

namespace RecoFunctions.Sandbox.Endpoints;

/// <summary>Everything the endpoints share.</summary>
internal sealed class SandboxState
{
    public SandboxState(SandboxOptions options, TimeProvider timeProvider)
    {
        Options = options;
        TimeProvider = timeProvider;
        Knobs = new SandboxKnobs(options, timeProvider);
        Recorder = new DeliveryRecorder(timeProvider, options.LatencySignificantDigits, options.MaxHistoryPerKey);
        Contents = new ContentCatalog(options);
        Placements = new PlacementCatalog(options);
        Knowledge = new RecommenderKnowledge(Contents, Recorder);
        Intake = new DeliveryIntake(Recorder, options);
        Features = new FeatureRecorder(timeProvider, options.RejectedKeyPrefix);
    }

    public SandboxOptions Options { get; }

    /// <summary>Receive times of deliveries, outage ends and injected latency follow this clock.</summary>
    public TimeProvider TimeProvider { get; }

    public SandboxKnobs Knobs { get; }

    public DeliveryRecorder Recorder { get; }

    public ContentCatalog Contents { get; }

    public PlacementCatalog Placements { get; }

    public RecommenderKnowledge Knowledge { get; }

    public DeliveryIntake Intake { get; }

    /// <summary>The recommender's windowed features per (user, window, start).</summary>
    public FeatureRecorder Features { get; }
}
