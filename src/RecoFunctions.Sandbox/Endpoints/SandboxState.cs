using RecoFunctions.Sandbox.Catalog;
using RecoFunctions.Sandbox.Knobs;
using RecoFunctions.Sandbox.Recording;

namespace RecoFunctions.Sandbox.Endpoints;

/// <summary>Everything the endpoints share.</summary>
internal sealed class SandboxState
{
    public SandboxState(SandboxOptions options)
    {
        Options = options;
        Knobs = new SandboxKnobs(options);
        Recorder = new DeliveryRecorder(options.TimeProvider, options.LatencyRelativeAccuracy, options.MaxHistoryPerKey);
        Contents = new ContentCatalog(options);
        Placements = new PlacementCatalog(options);
        Knowledge = new RecommenderKnowledge(Contents, Recorder);
        Intake = new DeliveryIntake(Recorder, options);
    }

    public SandboxOptions Options { get; }

    public SandboxKnobs Knobs { get; }

    public DeliveryRecorder Recorder { get; }

    public ContentCatalog Contents { get; }

    public PlacementCatalog Placements { get; }

    public RecommenderKnowledge Knowledge { get; }

    public DeliveryIntake Intake { get; }
}
