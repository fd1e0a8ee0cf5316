using Microsoft.Extensions.DependencyInjection;
using RecoFunctions.Core.Delivery;
using RecoFunctions.Testing;

namespace RecoFunctions.Core.Tests.Delivery;

/// <summary>How the answers of the feature endpoint become per-record failures; the recommender is a scripted client.</summary>
public sealed class FeatureDeliveryTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task DeliverAsync_AppliedAndUnchanged_NoFailures()
    {
        await using var harness = await StartAsync(request => [.. request.Features.Select((f, i) => Answer(f, i == 0 ? FeatureStatuses.Applied : FeatureStatuses.Unchanged))]);

        var failures = await Delivery(harness).DeliverAsync([Record("u-1"), Record("u-2")], CancellationToken.None);

        Assert.All(failures, Assert.Null);
    }

    [Fact]
    public async Task DeliverAsync_AnswerNamingAnotherWindow_FailsThatRecordTransiently()
    {
        await using var harness = await StartAsync(request =>
            [Answer(request.Features[0], FeatureStatuses.Applied), Answer(request.Features[1], FeatureStatuses.Applied) with { Start = Start.AddMinutes(5) }]);

        var failures = await Delivery(harness).DeliverAsync([Record("u-1"), Record("u-2")], CancellationToken.None);

        Assert.Null(failures[0]);
        Assert.True(failures[1]!.IsTransient);
        Assert.Equal("recommender-api: batch answer does not match the request", failures[1]!.Reason);
    }

    [Fact]
    public async Task DeliverAsync_FewerAnswersThanRecords_TheUnansweredFailTransiently()
    {
        await using var harness = await StartAsync(request => [Answer(request.Features[0], FeatureStatuses.Applied)]);

        var failures = await Delivery(harness).DeliverAsync([Record("u-1"), Record("u-2")], CancellationToken.None);

        Assert.Null(failures[0]);
        Assert.True(failures[1]!.IsTransient);
    }

    [Fact]
    public async Task DeliverAsync_RejectedAndUnknownStatuses_PermanentAndTransientFailures()
    {
        await using var harness = await StartAsync(request =>
            [Answer(request.Features[0], FeatureStatuses.Rejected) with { Reason = "end must be after start" }, Answer(request.Features[1], "parked")]);

        var failures = await Delivery(harness).DeliverAsync([Record("u-1"), Record("u-2")], CancellationToken.None);

        Assert.Equal((false, "recommender-api: 400 rejected (end must be after start)"), (failures[0]!.IsTransient, failures[0]!.Reason));
        Assert.Equal((true, "recommender-api: unknown feature status 'parked'"), (failures[1]!.IsTransient, failures[1]!.Reason));
    }

    private static FeatureDelivery Delivery(RecoServicesHarness harness) => harness.Services.GetRequiredService<FeatureDelivery>();

    private static Task<RecoServicesHarness> StartAsync(Func<FeatureBatchRequest, FeatureResult[]> answer) =>
        RecoServicesHarness.StartAsync(configureServices: services => services.AddSingleton<IFeatureDeliveryClient>(new ScriptedFeatureClient(answer)));

    private static FeatureRecord Record(string user) => new()
    {
        UserKey = user,
        Window = "5m",
        Start = Start,
        End = Start.AddMinutes(5),
        Events = 1,
        Counts = new Dictionary<string, int> { ["view"] = 1 },
        DistinctContents = 1,
    };

    private static FeatureResult Answer(FeatureRecord record, string status) =>
        new() { UserKey = record.UserKey, Window = record.Window, Start = record.Start, Status = status };

    private sealed class ScriptedFeatureClient(Func<FeatureBatchRequest, FeatureResult[]> answer) : IFeatureDeliveryClient
    {
        public Task<FeatureBatchResponse> DeliverBatchAsync(FeatureBatchRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new FeatureBatchResponse { Results = answer(request) });
    }
}
