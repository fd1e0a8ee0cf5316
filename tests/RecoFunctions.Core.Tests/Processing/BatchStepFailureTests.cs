using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Processing;
using RecoFunctions.Testing;

namespace RecoFunctions.Core.Tests.Processing;

public sealed class BatchStepFailureTests
{
    [Fact]
    public void RetryAll_EveryItemRetriedLaterWithTheReason()
    {
        var request = new BatchStepRequest("content", Workflow.WorkItems.Range(3, TestClock.Start), Attempt: 1);

        var result = BatchStepFailure.RetryAll(request, "ProcessBatch failed: System.IO.IOException");

        Assert.Equal(request.Items.Select(item => item.Id), result.Outcomes.Select(outcome => outcome.Id));
        Assert.All(result.Outcomes, outcome =>
        {
            Assert.Equal(OutcomeKind.RetryLater, outcome.Kind);
            Assert.Equal(PipelineStage.Workflow, outcome.Stage);
            Assert.Equal("ProcessBatch failed: System.IO.IOException", outcome.Reason);
        });
    }
}
