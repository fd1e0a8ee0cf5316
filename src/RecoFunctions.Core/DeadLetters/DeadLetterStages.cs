namespace RecoFunctions.Core.DeadLetters;

/// <summary>The wire names of <see cref="DeadLetterStage"/>, as in dead-letter headers, outcomes and metric labels.</summary>
public static class DeadLetterStages
{
    public static string Name(DeadLetterStage stage) => stage switch
    {
        DeadLetterStage.Parse => "parse",
        DeadLetterStage.Validate => "validate",
        DeadLetterStage.Enrich => "enrich",
        DeadLetterStage.Deliver => "deliver",
        DeadLetterStage.Workflow => "workflow",
        DeadLetterStage.Window => "window",
        _ => "unknown",
    };

    /// <summary>The stage a wire name stands for; <see cref="DeadLetterStage.Unknown"/> for anything else.</summary>
    public static DeadLetterStage FromName(string? name) => name switch
    {
        "parse" => DeadLetterStage.Parse,
        "validate" => DeadLetterStage.Validate,
        "enrich" => DeadLetterStage.Enrich,
        "deliver" => DeadLetterStage.Deliver,
        "workflow" => DeadLetterStage.Workflow,
        "window" => DeadLetterStage.Window,
        _ => DeadLetterStage.Unknown,
    };
}
