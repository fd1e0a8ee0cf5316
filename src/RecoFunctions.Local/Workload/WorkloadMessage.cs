using RecoFunctions.Core.Flows;

namespace RecoFunctions.Local.Workload;

/// <summary>
/// One message of a workload and what should become of it. <see cref="Key"/> is null only for the deliberate
/// "no key" case; <see cref="Value"/> is null for a tombstone. Values may be shared between messages (duplicates):
/// treat them as read-only.
/// </summary>
public sealed record WorkloadMessage(
    FlowDefinition Flow,
    string? Key,
    byte[]? Value,
    MessageCategory Category,
    long Version,
    string? ExpectedStage,
    string? ExpectedRule,
    string Case)
{
    public MessageFate Fate => MessageCategories.FateOf(Category);
}
