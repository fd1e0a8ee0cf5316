namespace RecoFunctions.Local.Workload;

/// <summary>Which flows a workload feeds: <see cref="Both"/> is content and campaign; interactions go alone.</summary>
public enum WorkloadFlows
{
    Content,
    Campaign,
    Both,
    Interactions,
}
