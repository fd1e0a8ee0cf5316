using RecoFunctions.Core.Domain;

namespace RecoFunctions.Core.Workflow;

public sealed record WorkflowInput(string Flow, IReadOnlyList<WorkItem> Items, RetryBudget Budget);
