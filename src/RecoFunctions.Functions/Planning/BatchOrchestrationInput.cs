using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Workflow;

namespace RecoFunctions.Functions.Planning;

/// <summary>
/// Input of one run of the batch orchestration: the workflow input, the original records of its items (for
/// dead-lettering them as they arrived), dead letters that a previous run could not publish yet, the activity retry
/// policy and the run number (1 for the first run, then one more per continue-as-new).
/// </summary>
public sealed record BatchOrchestrationInput(
    WorkflowInput Workflow,
    IReadOnlyList<KafkaMessage> Originals,
    IReadOnlyList<DeadLetterRecord> UnpublishedDeadLetters,
    ActivityRetry ActivityRetry,
    int Round = 1);
