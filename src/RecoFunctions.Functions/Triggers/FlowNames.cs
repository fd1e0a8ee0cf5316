namespace RecoFunctions.Functions.Triggers;

/// <summary>The flows' keys under <c>Pipeline:Flows</c>; each has its own trigger function.</summary>
internal static class FlowNames
{
    public const string Content = "content";

    public const string Campaign = "campaign";

    public const string Interactions = "interactions";
}
