using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Processing;
using RecoFunctions.Core.Resilience;
using RecoFunctions.Sandbox.Knobs;
using RecoFunctions.Testing;

namespace RecoFunctions.Core.Tests.Processing;

/// <summary>The processor with real Polly pipelines plugged in through DI, as the resilience feature will.</summary>
public sealed class BatchProcessorResilienceTests
{
    [Fact]
    public async Task ProcessAsync_OpenBreaker_RetriesLaterWhenTheBreakerSays()
    {
        var time = TestClock.Create();
        var breaker = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = 0.5,
                MinimumThroughput = 2,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(45),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null || (int)args.Outcome.Result!.StatusCode >= 500),
            })
            .Build();
        await using var harness = await RecoServicesHarness.StartAsync(
            new Dictionary<string, string?> { ["Services:content-api:BatchSize"] = "1" },
            pipelines: new FixedPipelines(ServiceNames.ContentApi, breaker));
        harness.Sandbox.Knobs.ContentApi.Enqueue(ScriptedResponse.ServiceUnavailable(), times: 2);

        var opening = await harness.Processor.ProcessAsync(new BatchStepRequest("content", WorkItems.Contents(2, "breaker"), 1), CancellationToken.None);
        var whileOpen = await harness.Processor.ProcessAsync(new BatchStepRequest("content", [WorkItems.Content("breaker-3")], 1), CancellationToken.None);

        Assert.All(opening.Outcomes, o => Assert.StartsWith("content-api: 503", o.Reason, StringComparison.Ordinal));
        var outcome = Assert.Single(whileOpen.Outcomes);
        Assert.Equal(OutcomeKind.RetryLater, outcome.Kind);
        Assert.Equal(PipelineStage.Enrich, outcome.Stage);
        Assert.Equal("content-api: circuit open", outcome.Reason);
        Assert.Equal(TimeSpan.FromSeconds(45), outcome.RetryAfter);
        Assert.Equal(2, harness.Sandbox.Knobs.ContentApi.TotalCalls);
    }

    [Fact]
    public async Task ProcessAsync_RetryingPipeline_ResendsTheBatchRequestUntilItPasses()
    {
        var retry = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = 3,
                Delay = TimeSpan.Zero,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.StatusCode == HttpStatusCode.ServiceUnavailable),
            })
            .Build();
        await using var harness = await RecoServicesHarness.StartAsync(pipelines: new FixedPipelines(ServiceNames.RecommenderApi, retry));
        harness.Sandbox.Knobs.RecommenderDelivery.Enqueue(ScriptedResponse.ServiceUnavailable(), times: 2);
        var items = WorkItems.Contents(5, "retried");

        var result = await harness.Processor.ProcessAsync(new BatchStepRequest("content", items, 1), CancellationToken.None);

        Assert.All(result.Outcomes, o => Assert.Equal(OutcomeKind.Delivered, o.Kind));
        Assert.Equal(3, harness.Sandbox.Knobs.RecommenderDelivery.CallsTo("POST /deliveries/batch"));
        Assert.Equal(5, harness.Sandbox.Recorder.Counts.Applied);
    }

    /// <summary>A given pipeline for one service, pass-through for the others.</summary>
    private sealed class FixedPipelines(string service, ResiliencePipeline<HttpResponseMessage> pipeline) : IServicePipelineProvider
    {
        public ResiliencePipeline<HttpResponseMessage> GetPipeline(string serviceName) =>
            serviceName == service ? pipeline : ResiliencePipeline<HttpResponseMessage>.Empty;
    }
}
