using Microsoft.Azure.Functions.Worker;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Workflow;
using RecoFunctions.Core.Domain;
using RecoFunctions.Functions.Planning;
using RecoFunctions.Functions.Tests.Durable.Host;
using RecoFunctions.Functions.Tests.Triggers;
using RecoFunctions.Sandbox.Knobs;

namespace RecoFunctions.Functions.Tests.Durable;

/// <summary>
/// Kafka batches handed to the content trigger, run by the app's orchestrator and activities on the real Durable Task
/// engine (in process) against the sandbox services on loopback. Durable timers here run on the wall clock (the
/// in-memory backend has no clock to inject), with the millisecond settings of <see cref="DurableAppHost.FastSettings"/>;
/// <see cref="HangLimit"/> only bounds a hang, no test asserts on elapsed time.
/// </summary>
public sealed class DurableBatchTests(DurableAppFixture fixture) : IClassFixture<DurableAppFixture>
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ContentTrigger_HealthyBatch_AllDeliveredByOneActivityCall()
    {
        var host = fixture.Reset();
        using var limit = new CancellationTokenSource(HangLimit);

        var deadLetters = await host.RunContentTriggerAsync(Batch(partition: 1, count: 20), limit.Token);
        var result = await host.WaitForResultAsync(InstanceId(1, 0, 19), limit.Token);

        Assert.Empty(deadLetters);
        Assert.Equal(20, result.Delivered.Count);
        Assert.Empty(result.Pending);
        Assert.Equal(20, host.Sandbox.Recorder.Counts.Applied);
        var actions = host.Actions.For(InstanceId(1, 0, 19));
        Assert.Equal([WorkflowActivityNames.ProcessBatch], actions.Activities.Select(activity => activity.Name));
        Assert.Empty(actions.Timers);
        Assert.Equal(0, actions.ContinuedAsNew);

        // One start and one activity call for the whole batch (the design's goal: at most 10 per 100 messages).
        Assert.Equal(2, actions.DurableActions);
    }

    [Fact]
    public async Task ContentTrigger_503Then429WithRetryAfter_RetriedOnDurableTimersThenDelivered()
    {
        var host = fixture.Reset();
        using var limit = new CancellationTokenSource(HangLimit);
        host.Sandbox.Knobs.ContentApi.Enqueue(ScriptedResponse.ServiceUnavailable());
        host.Sandbox.Knobs.ContentApi.Enqueue(ScriptedResponse.TooManyRequests(TimeSpan.FromSeconds(1)));

        await host.RunContentTriggerAsync(Batch(partition: 2, count: 10), limit.Token);
        var result = await host.WaitForResultAsync(InstanceId(2, 0, 9), limit.Token);

        Assert.Equal(10, result.Delivered.Count);
        Assert.Equal(10, host.Sandbox.Recorder.Counts.Applied);
        var actions = host.Actions.For(InstanceId(2, 0, 9));
        Assert.Equal(3, actions.Activities.Count(activity => activity.Name == WorkflowActivityNames.ProcessBatch));
        var timers = actions.Timers.ToList();
        Assert.Equal(2, timers.Count);

        // The first wait is the backoff (50 ms plus at most 10 % jitter), the second the 429's Retry-After.
        Assert.InRange(timers[0], TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(55));
        Assert.Equal(TimeSpan.FromSeconds(1), timers[1]);
        Assert.Equal(0, actions.ContinuedAsNew);
    }

    [Fact]
    public async Task ContentTrigger_OutageLongerThanTheRunsBudget_ContinuesAsNewWithPendingAndDeliversAfterRecovery()
    {
        var host = fixture.Reset();
        using var limit = new CancellationTokenSource(HangLimit);
        var instanceId = InstanceId(3, 0, 7);
        var continued = host.WaitForEpisodeAsync(instanceId, actions => actions.ContinuedAsNew >= 1, limit.Token);
        host.Sandbox.Knobs.ContentApi.StartOutage(503);

        await host.RunContentTriggerAsync(Batch(partition: 3, count: 8), limit.Token);
        await continued;
        var deliveredDuringOutage = host.Sandbox.Recorder.Counts.Applied;
        host.Sandbox.Knobs.ContentApi.EndOutage();
        var result = await host.WaitForResultAsync(instanceId, limit.Token);

        Assert.Equal(0, deliveredDuringOutage);
        Assert.Equal(8, result.Delivered.Count);
        Assert.Empty(result.DeadLettered);
        Assert.Equal(8, host.Sandbox.Recorder.Counts.Applied);
        Assert.Equal(0, host.Sandbox.Recorder.Counts.DuplicatesApplied);
        Assert.Empty(host.DeadLetters.Produced);
        var actions = host.Actions.For(instanceId);
        var firstRun = actions.Episodes.TakeWhile(episode => episode.ContinuedAsNewInputBytes is null).ToList();
        Assert.Equal(3, firstRun.Sum(episode => episode.Activities.Count));

        // Two backoffs inside the run, then one wait of the run's longest delay before continuing as new.
        Assert.Equal(TimeSpan.FromMilliseconds(1500), actions.Timers.ElementAt(2));
        Assert.True(actions.ContinuedAsNew >= 1);
    }

    [Fact]
    public async Task ContentTrigger_PermanentFailures_DeadLetteredWithTheirReasonsAndTheRestDelivered()
    {
        var host = fixture.Reset();
        using var limit = new CancellationTokenSource(HangLimit);
        KafkaRecord[] records =
        [
            TestIntake.ValidContent(4, 0, "art-4-0"),
            TestIntake.ValidContent(4, 1, "missing-1"),
            TestIntake.Invalid(4, 2),
            TestIntake.ValidContent(4, 3, "rejected-3"),
            TestIntake.ValidContent(4, 4, "art-4-4"),
        ];

        var triggerDeadLetters = await host.RunContentTriggerAsync(records, limit.Token);
        var result = await host.WaitForResultAsync(InstanceId(4, 0, 4), limit.Token);

        Assert.Single(triggerDeadLetters);
        Assert.Contains("\"parse\"", triggerDeadLetters[0], StringComparison.Ordinal);
        Assert.Equal(2, result.Delivered.Count);
        Assert.Equal(2, host.Sandbox.Recorder.Counts.Applied);
        var produced = host.DeadLetters.Produced.OrderBy(entry => entry.Record.OriginalOffset).ToList();
        Assert.All(produced, entry => Assert.Equal("oicms.content.v1.dlq", entry.Topic));
        Assert.Equal([1L, 3L], produced.Select(entry => entry.Record.OriginalOffset));
        Assert.Equal([DeadLetterStage.Enrich, DeadLetterStage.Deliver], produced.Select(entry => entry.Record.Failure.Stage));
        Assert.Equal(["content-api 404", "recommender-api 400"], produced.Select(entry => entry.Record.Failure.Label));
        Assert.StartsWith("content-api: ", produced[0].Record.Failure.Detail, StringComparison.Ordinal);
        Assert.StartsWith("recommender-api: ", produced[1].Record.Failure.Detail, StringComparison.Ordinal);
        Assert.Equal(1, host.Actions.For(InstanceId(4, 0, 4)).Activities.Count(activity => activity.Name == WorkflowActivityNames.PublishDeadLetters));
    }

    [Fact]
    public async Task ContentTrigger_SameBatchTwiceAtOnceAndOnceMoreAfterwards_OrchestrationRunsOnce()
    {
        var host = fixture.Reset();
        using var limit = new CancellationTokenSource(HangLimit);
        var records = Batch(partition: 5, count: 6);
        var instanceId = InstanceId(5, 0, 5);

        await Task.WhenAll(host.RunContentTriggerAsync(records, limit.Token), host.RunContentTriggerAsync(records, limit.Token));
        await host.WaitForResultAsync(instanceId, limit.Token);
        await host.RunContentTriggerAsync(records, limit.Token);

        var actions = host.Actions.For(instanceId);
        Assert.Equal(1, actions.Starts);
        Assert.Equal(2, actions.RefusedStarts);
        Assert.Single(actions.Activities);
        Assert.Equal(6, host.Sandbox.Recorder.Counts.Received);
    }

    [Fact]
    public async Task ContentTrigger_ActivityThrowsMidBatch_RetriedActivityAppliesNothingTwice()
    {
        var host = fixture.Reset();
        using var limit = new CancellationTokenSource(HangLimit);
        host.Faults.FailNextCallMidBatch();

        await host.RunContentTriggerAsync(Batch(partition: 6, count: 10), limit.Token);
        var result = await host.WaitForResultAsync(InstanceId(6, 0, 9), limit.Token);

        var counts = host.Sandbox.Recorder.Counts;
        Assert.Equal(10, result.Delivered.Count);
        Assert.Equal(10, counts.Applied);
        Assert.Equal(5, counts.Stale);
        Assert.Equal(0, counts.DuplicatesApplied);
        var actions = host.Actions.For(InstanceId(6, 0, 9));
        Assert.Equal(2, actions.Activities.Count());
        Assert.Equal(1, actions.ActivityFailures);
        Assert.Equal([TimeSpan.FromMilliseconds(100)], actions.Timers);
    }

    [Fact]
    public async Task ContentTrigger_LargestValidMessages_SplitSoThatEveryInputTheEngineStoresFitsTheBudget()
    {
        const int Budget = 64 * 1024;
        await using var host = await DurableAppHost.StartAsync(new Dictionary<string, string?> { ["Orchestration:MaxInputBytes"] = "65536" });
        using var limit = new CancellationTokenSource(HangLimit);
        var records = ContentRecords.Batch(partition: 7, count: 40, largest: true);

        await host.RunContentTriggerAsync(records, limit.Token);
        var instances = host.Actions.Instances.ToList();
        foreach (var instance in instances)
        {
            await host.WaitForResultAsync(instance.InstanceId, limit.Token);
        }

        Assert.True(instances.Count > 1);
        Assert.All(instances, instance => Assert.InRange(instance.LargestInputBytes, 1, Budget));
        Assert.All(instances, instance => Assert.InRange(instance.LargestActivityInputBytes, 1, Budget));
        Assert.Equal(40, host.Sandbox.Recorder.Counts.Applied);
    }

    private static KafkaRecord[] Batch(int partition, int count) =>
        [.. Enumerable.Range(0, count).Select(offset => TestIntake.ValidContent(partition, offset, $"art-{partition}-{offset}"))];

    private static string InstanceId(int partition, long first, long last) =>
        OrchestrationInstanceId.For("content", TestIntake.ContentTopic, partition, first, last);
}
