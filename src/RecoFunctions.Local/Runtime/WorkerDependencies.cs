using Microsoft.Extensions.Logging;
using RecoFunctions.Core.Intake;
using RecoFunctions.Core.Workflow;

namespace RecoFunctions.Local.Runtime;

/// <summary>What every partition worker of a runtime shares.</summary>
internal sealed record WorkerDependencies(
    MessageIntake Intake,
    IBatchProcessor Processor,
    RetryBudget Budget,
    TimeProvider TimeProvider,
    RuntimeOptions Options,
    DeadLetterPublisher DeadLetters,
    RuntimeMetrics Metrics,
    ILogger Logger,
    Action RequestResumeCheck,
    Action<PartitionWorker, Exception> OnFaulted);
