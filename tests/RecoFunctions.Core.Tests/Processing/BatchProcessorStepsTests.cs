using Microsoft.Extensions.DependencyInjection;
using RecoFunctions.Core.Contracts;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Enrichment;
using RecoFunctions.Core.Processing;
using RecoFunctions.Core.Services;
using RecoFunctions.Testing;

namespace RecoFunctions.Core.Tests.Processing;

public sealed class BatchProcessorStepsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ProcessAsync_TwoStepsOfAFlow_RunConcurrently()
    {
        var meeting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = 0;
        // Each step waits until both have started: run one after the other, the first would wait in vain.
        async Task<StepResult> Meet(EnrichedRecord record)
        {
            if (Interlocked.Increment(ref arrived) == 2)
            {
                meeting.SetResult();
            }

            await meeting.Task.WaitAsync(Patience);
            return StepResult.Ok(record);
        }

        await using var harness = await StartAsync(new FakeStep("probe-a", Meet), new FakeStep("probe-b", Meet));

        var result = await harness.Processor.ProcessAsync(new BatchStepRequest("campaign", [WorkItems.Campaign("cmp-1")], 1), CancellationToken.None);

        Assert.Equal(OutcomeKind.Delivered, Assert.Single(result.Outcomes).Kind);
    }

    [Fact]
    public async Task ProcessAsync_SeveralStepsFailARecord_ReportsTheFirstConfiguredStepsFailure()
    {
        await using var harness = await StartAsync(
            new FakeStep("probe-a", _ => Task.FromResult(StepResult.Failed(ServiceFailure.Labelled("probe-a", true, "503 ServiceUnavailable")))),
            new FakeStep("probe-b", _ => Task.FromResult(StepResult.Failed(ServiceFailure.FromStatus("probe-b", 404, "gone")))));

        var result = await harness.Processor.ProcessAsync(new BatchStepRequest("campaign", [WorkItems.Campaign("cmp-1")], 1), CancellationToken.None);

        var outcome = Assert.Single(result.Outcomes);
        Assert.Equal(OutcomeKind.RetryLater, outcome.Kind);
        Assert.StartsWith("probe-a: 503", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Combine_CampaignSteps_EachCopiesOnlyItsOwnPart()
    {
        await using var harness = await RecoServicesHarness.StartAsync();
        var placementStep = harness.Services.GetRequiredService<PlacementStep>();
        var knownContentStep = harness.Services.GetRequiredService<KnownContentStep>();
        var original = (EnrichedCampaign)EnrichedRecord.Create(ContractKind.CampaignV1, WorkItems.Campaign("cmp-1"))!;
        var placement = new PlacementDetails("home-hero", "home", 3, 12);
        var withPlacement = original with { Placement = placement };
        var withKnownContent = original with { KnownContentIds = ["art-1"], EstimatedReach = 42 };

        var combined = (EnrichedCampaign)knownContentStep.Combine(placementStep.Combine(original, withPlacement), withKnownContent);

        Assert.Equal(placement, combined.Placement);
        Assert.Equal(["art-1"], combined.KnownContentIds);
        Assert.Equal(42, combined.EstimatedReach);
        Assert.Null(((EnrichedCampaign)placementStep.Combine(original, withKnownContent)).KnownContentIds);
    }

    private static Task<RecoServicesHarness> StartAsync(FakeStep first, FakeStep second) =>
        RecoServicesHarness.StartAsync(
            new Dictionary<string, string?>
            {
                ["Pipeline:Flows:campaign:Steps:0"] = first.Name,
                ["Pipeline:Flows:campaign:Steps:1"] = second.Name,
            },
            configureServices: services =>
            {
                services.AddSingleton(new EnrichmentStepDescriptor(first.Name, ContractKind.CampaignV1, _ => first));
                services.AddSingleton(new EnrichmentStepDescriptor(second.Name, ContractKind.CampaignV1, _ => second));
            });
}
