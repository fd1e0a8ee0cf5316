using RecoFunctions.Core.Domain;

namespace RecoFunctions.Core.DeadLetters;

/// <summary>The wire names of <see cref="DeadLetterStage"/>, as in dead-letter headers, outcomes and metric labels.</summary>
public static class DeadLetterStages
{
    public static string Name(DeadLetterStage stage) => stage switch
    {
        DeadLetterStage.Parse => PipelineStage.Parse,
        DeadLetterStage.Validate => PipelineStage.Validate,
        DeadLetterStage.Enrich => PipelineStage.Enrich,
        DeadLetterStage.Deliver => PipelineStage.Deliver,
        DeadLetterStage.Workflow => PipelineStage.Workflow,
        _ => "unknown",
    };

    /// <summary>The stage a wire name stands for; <see cref="DeadLetterStage.Unknown"/> for anything else.</summary>
    public static DeadLetterStage FromName(string? name) => name switch
    {
        PipelineStage.Parse => DeadLetterStage.Parse,
        PipelineStage.Validate => DeadLetterStage.Validate,
        PipelineStage.Enrich => DeadLetterStage.Enrich,
        PipelineStage.Deliver => DeadLetterStage.Deliver,
        PipelineStage.Workflow => DeadLetterStage.Workflow,
        _ => DeadLetterStage.Unknown,
    };
}
