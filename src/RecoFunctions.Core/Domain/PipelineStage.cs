namespace RecoFunctions.Core.Domain;

/// <summary>Stage names as they appear in outcomes, dead-letter headers and metrics.</summary>
public static class PipelineStage
{
    public const string Parse = "parse";
    public const string Validate = "validate";
    public const string Enrich = "enrich";
    public const string Deliver = "deliver";
    public const string Workflow = "workflow";
}
