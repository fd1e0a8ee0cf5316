namespace RecoFunctions.Local.Workload;

/// <summary>Which flows a workload feeds.</summary>
public enum WorkloadFlows
{
    Content,
    Campaign,
    Both,
}
