using System.Globalization;
using System.Text.Json;
using RecoFunctions.Core.Delivery;
using RecoFunctions.Core.Privacy;
using RecoFunctions.Functions.Tests.CircuitState;
using RecoFunctions.Sandbox;
using RecoFunctions.Testing;

namespace RecoFunctions.Functions.Tests.Interactions;

/// <summary>
/// The interactions trigger of the Functions app end to end: Kafka batches in, window state in Azurite's table service,
/// features out to the sandbox recommender on loopback. Skipped, with the reason, when Azurite is not running.
/// <see cref="HangLimit"/> only bounds a hang; no test asserts on elapsed time.
/// </summary>
[SkipUnless(typeof(AzuriteTables))]
public sealed class InteractionsTriggerTests
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(120);

    private static readonly TimeSpan Lateness = TimeSpan.FromMinutes(1);

    [ContractFact]
    public async Task RunAsync_StreamInBatches_FiveMinuteWindowsDeliveredAsCountedAndPseudonymised()
    {
        using var limit = new CancellationTokenSource(HangLimit);
        var stream = InteractionStream.Create(seed: 11);
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions(), TimeProvider.System, limit.Token);
        await using var app = await InteractionsAppInstance.StartAsync(InteractionsAppInstance.Settings(sandbox, NewTable()));

        foreach (var batch in stream.Batches(25))
        {
            Assert.Empty(await app.RunTriggerAsync(batch, limit.Token));
        }

        var delivered = sandbox.Features.GetFeatures();
        Assert.Equal(ExpectedFiveMinuteWindows(stream), delivered.Where(feature => feature.Window == "5m").Select(Describe).Order(StringComparer.Ordinal));
        Assert.Contains(delivered, feature => feature.Window == "15m");
        Assert.Contains(delivered, feature => feature.Window == "1h");
        Assert.DoesNotContain(delivered, feature => InteractionStream.UserIds.Contains(feature.UserKey));
    }

    [ContractFact]
    public async Task RunAsync_LateEvent_ProducedToTheDeadLetterTopicAsLateWithItsKeyPseudonymisedAndNoUserIdLogged()
    {
        using var limit = new CancellationTokenSource(HangLimit);
        var stream = InteractionStream.Create(seed: 12);
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions(), TimeProvider.System, limit.Token);
        await using var app = await InteractionsAppInstance.StartAsync(InteractionsAppInstance.Settings(sandbox, NewTable()));

        foreach (var batch in stream.Batches(25))
        {
            await app.RunTriggerAsync(batch, limit.Token);
        }

        var (topic, record) = Assert.Single(app.DeadLetters.Produced);
        Assert.Equal("ua.interactions.v1.dlq", topic);
        Assert.Equal("late", record.Failure.Source);
        Assert.Equal(stream.Records.Single(candidate => candidate.Value!.AsSpan().SequenceEqual(System.Text.Encoding.UTF8.GetBytes(stream.Late.Json()))).Offset, record.OriginalOffset);
        Assert.Equal(Pseudonym(stream.Late.UserId), record.Key);
        Assert.DoesNotContain(stream.Late.UserId, System.Text.Encoding.UTF8.GetString(record.Value.Span), StringComparison.Ordinal);
        Assert.NotEmpty(app.LogLines);
        Assert.DoesNotContain(app.LogLines, line => InteractionStream.UserIds.Any(user => line.Contains(user, StringComparison.Ordinal)));
    }

    [ContractFact]
    public async Task RunAsync_InvalidRecord_ReturnedForTheOutputBindingRedactedLoggedWithoutItsUserAndTheRestCounted()
    {
        using var limit = new CancellationTokenSource(HangLimit);
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions(), TimeProvider.System, limit.Token);
        await using var app = await InteractionsAppInstance.StartAsync(InteractionsAppInstance.Settings(sandbox, NewTable()));
        var start = InteractionStream.Start;
        var valid = new InteractionStream.Interaction("ev-a", "click", start, "u-4242", "c-1", null);
        var closing = new InteractionStream.Interaction("ev-b", "view", start.AddMinutes(7), "u-4242", "c-2", null);
        var invalidJson = valid.Json().Replace("interaction.click", "interaction.stare", StringComparison.Ordinal);

        var deadLetters = await app.RunTriggerAsync(
        [
            InteractionStream.Record(0, 0, "u-4242", valid.Json()),
            InteractionStream.Record(0, 1, "u-4242", invalidJson),
            InteractionStream.Record(0, 2, "u-4242", closing.Json()),
        ], limit.Token);

        var envelope = Assert.Single(deadLetters);
        Assert.Contains("eventType", envelope, StringComparison.Ordinal);
        Assert.DoesNotContain("u-4242", envelope, StringComparison.Ordinal);
        var feature = Assert.Single(sandbox.Features.GetFeatures(), feature => feature.Window == "5m");
        Assert.Equal(Pseudonym("u-4242"), feature.UserKey);
        Assert.Equal(1, feature.Events);
        Assert.Contains(app.LogLines, line => line.Contains("dead-lettered", StringComparison.Ordinal));
        Assert.DoesNotContain(app.LogLines, line => line.Contains("u-4242", StringComparison.Ordinal));
    }

    [ContractFact]
    public async Task RunAsync_InstanceKilledThreeTimesAtItsWorstMoments_FeaturesEqualAnUninterruptedRun()
    {
        using var limit = new CancellationTokenSource(HangLimit);
        var batches = InteractionStream.Create(seed: 13).Batches(10);
        await using var uninterrupted = await SandboxHost.StartAsync(new SandboxOptions(), TimeProvider.System, limit.Token);
        await using var interrupted = await SandboxHost.StartAsync(new SandboxOptions(), TimeProvider.System, limit.Token);
        await using (var app = await InteractionsAppInstance.StartAsync(InteractionsAppInstance.Settings(uninterrupted, NewTable())))
        {
            foreach (var batch in batches)
            {
                await app.RunTriggerAsync(batch, limit.Token);
            }
        }

        var settings = InteractionsAppInstance.Settings(interrupted, NewTable());
        var next = 0;

        // Killed after publishing batch 3's closed windows and writing its users' state, before its checkpoint: batch 3 comes again.
        next = await RunUntilKilledAsync(settings, batches, next, failAt: 3, app => app.Table.FailCheckpoint = true, limit.Token);

        // Killed after saving batch 6 but before the offsets were committed: batch 6 comes again.
        next = await RunUntilKilledAsync(settings, batches, next, failAt: 7, _ => { }, limit.Token) - 1;

        // Killed while the recommender is down (the publish fails): batch 9 comes again once it is back.
        next = await RunUntilKilledAsync(settings, batches, next, failAt: 9, _ => interrupted.Knobs.RecommenderDelivery.StartOutage(503), limit.Token);
        interrupted.Knobs.RecommenderDelivery.EndOutage();
        await RunUntilKilledAsync(settings, batches, next, failAt: batches.Count, _ => { }, limit.Token);

        Assert.True(batches.Count > 10, "the stream must span more batches than the kills need");
        Assert.Equal(Json(uninterrupted.Features.GetFeatures()), Json(interrupted.Features.GetFeatures()));
        var counts = interrupted.Features.Counts;
        Assert.Equal(0, counts.Overwritten);
        Assert.True(counts.Unchanged > 0, "the windows published before the first kill must have been delivered again");
    }

    /// <summary>
    /// Starts an instance and hands it batches from <paramref name="from"/>; before batch <paramref name="failAt"/> it
    /// arms <paramref name="fault"/>, then hands that batch over (a failure is expected unless the fault arms nothing) and
    /// kills the instance. Returns the batch to redeliver.
    /// </summary>
    private static async Task<int> RunUntilKilledAsync(
        IReadOnlyDictionary<string, string?> settings, IReadOnlyList<Microsoft.Azure.Functions.Worker.KafkaRecord[]> batches, int from, int failAt, Action<InteractionsAppInstance> fault, CancellationToken cancellationToken)
    {
        await using var app = await InteractionsAppInstance.StartAsync(settings);
        for (var index = from; index < Math.Min(failAt, batches.Count); index++)
        {
            await app.RunTriggerAsync(batches[index], cancellationToken);
        }

        if (failAt < batches.Count)
        {
            fault(app);
            try
            {
                await app.RunTriggerAsync(batches[failAt], cancellationToken);
            }
            catch (Exception exception) when (exception is Azure.RequestFailedException or Core.Windowing.FeaturesNotPublishedException)
            {
                // The invocation failed: the Kafka extension redelivers the batch (commitOnFailure: false).
            }
        }

        return failAt;
    }

    /// <summary>Every closed 5-minute window per user, counted from the stream's distinct events, as Describe writes a feature.</summary>
    private static IEnumerable<string> ExpectedFiveMinuteWindows(InteractionStream stream)
    {
        var size = TimeSpan.FromMinutes(5);
        var distinct = stream.Events.Take(stream.Events.Count - 1).DistinctBy(interaction => interaction.EventId).ToList();
        var watermarks = stream.Events.GroupBy(interaction => InteractionStream.PartitionOf(interaction.UserId))
            .ToDictionary(partition => partition.Key, partition => partition.Max(interaction => interaction.OccurredAt));
        return distinct
            .GroupBy(interaction => (interaction.UserId, Start: new DateTimeOffset(interaction.OccurredAt.UtcTicks / size.Ticks * size.Ticks, TimeSpan.Zero)))
            .Where(window => window.Key.Start + size + Lateness <= watermarks[InteractionStream.PartitionOf(window.Key.UserId)])
            .Select(window => Describe(
                Pseudonym(window.Key.UserId),
                window.Key.Start,
                window.Count(),
                window.Sum(interaction => (long)(interaction.DwellMs ?? 0)),
                window.Select(interaction => interaction.ContentId).Distinct().Count(),
                window.GroupBy(interaction => interaction.Kind).Select(kind => $"{kind.Key}={kind.Count()}")))
            .Order(StringComparer.Ordinal);
    }

    private static string Describe(FeatureRecord feature) => Describe(
        feature.UserKey, feature.Start, feature.Events, feature.TotalDwellMs, feature.DistinctContents, feature.Counts.Select(count => $"{count.Key}={count.Value}"));

    private static string Describe(string user, DateTimeOffset start, int events, long dwell, int contents, IEnumerable<string> counts) =>
        string.Create(CultureInfo.InvariantCulture, $"{user} {start:O} events={events} dwell={dwell} contents={contents} {string.Join(',', counts.Order(StringComparer.Ordinal))}");

    private static string Pseudonym(string userId) =>
        new UserPseudonymiser(new PrivacyOptions { PseudonymKey = InteractionsAppInstance.PseudonymKey }).Pseudonymise(userId);

    private static string Json(IReadOnlyList<FeatureRecord> features) => JsonSerializer.Serialize(features);

    private static string NewTable() => "Interactions" + Guid.NewGuid().ToString("N")[..12];
}
