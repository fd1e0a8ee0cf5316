using Moq;
using RecoFunctions.Core.Workflow;
using RecoFunctions.Functions.Orchestration;
using RecoFunctions.Functions.Planning;

namespace RecoFunctions.Functions.Tests.Orchestration;

/// <summary>
/// What the real engine cannot be asked to do: run the orchestrator without an input. Delivery, dead letters, timers
/// and continue-as-new are tested on the engine itself (Durable/DurableBatchTests).
/// </summary>
public sealed class BatchOrchestratorTests
{
    [Fact]
    public async Task RunAsync_NoInput_Throws()
    {
        var context = OrchestrationContextMock.Create();
        context.Setup(c => c.GetInput<BatchOrchestrationInput>()).Returns((BatchOrchestrationInput?)null);

        await Assert.ThrowsAsync<InvalidOperationException>(() => BatchOrchestrator.RunAsync(context.Object));
    }
}
