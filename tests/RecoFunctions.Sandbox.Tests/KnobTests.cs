using System.Net;
using System.Net.Http.Json;
using RecoFunctions.Core.Services;
using RecoFunctions.Sandbox.Knobs;
using RecoFunctions.Sandbox.Wire;
using RecoFunctions.Testing;

namespace RecoFunctions.Sandbox.Tests;

public sealed class KnobTests
{
    private const string ContentPath = "contents/art-1";
    private const string ContentEndpoint = "GET /contents/{contentId}";

    [Fact]
    public async Task Script_ThreeServiceUnavailableThenNothing_FailsThreeCallsThenPasses()
    {
        await using var host = await SandboxHost.StartAsync(new SandboxOptions(), CancellationToken.None);
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        host.Knobs.ContentApi.Enqueue(ScriptedResponse.ServiceUnavailable(), times: 3);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await http.GetAsync(ContentPath)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], statuses);
        Assert.Equal(4, host.Knobs.ContentApi.CallsTo(ContentEndpoint));
        Assert.Equal(3, host.Knobs.ContentApi.InjectedFailures);
        Assert.Equal(0, host.Knobs.ContentApi.ScriptedPending);
    }

    [Fact]
    public async Task Script_OnOneService_LeavesTheOthersAlone()
    {
        await using var host = await SandboxHost.StartAsync(new SandboxOptions(), CancellationToken.None);
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        host.Knobs.ContentApi.Enqueue(ScriptedResponse.ServiceUnavailable());

        var placement = await http.GetAsync("placements/home-hero");

        Assert.Equal(HttpStatusCode.OK, placement.StatusCode);
        Assert.Equal(1, host.Knobs.ContentApi.ScriptedPending);
        Assert.Equal(0, host.Knobs.ContentApi.TotalCalls);
        Assert.Equal(1, host.Knobs.PlacementApi.TotalCalls);
    }

    [Fact]
    public async Task Script_TooManyRequestsWithRetryAfter_SendsTheHeader()
    {
        await using var host = await SandboxHost.StartAsync(new SandboxOptions(), CancellationToken.None);
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        host.Knobs.ContentApi.Enqueue(ScriptedResponse.TooManyRequests(TimeSpan.FromSeconds(2)));

        var response = await http.GetAsync(ContentPath);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Equal("injected", (await response.Content.ReadFromJsonAsync(ServicesJsonContext.Default.ServiceError))!.Error);
    }

    [Fact]
    public async Task RetryAfterKnob_FractionalSeconds_RoundsUpOn503Only()
    {
        await using var host = await SandboxHost.StartAsync(new SandboxOptions(), CancellationToken.None);
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        host.Knobs.ContentApi.RetryAfter = TimeSpan.FromSeconds(1.2);
        host.Knobs.ContentApi.Enqueue(ScriptedResponse.ServiceUnavailable());
        host.Knobs.ContentApi.Enqueue(ScriptedResponse.InternalServerError());

        var unavailable = await http.GetAsync(ContentPath);
        var serverError = await http.GetAsync(ContentPath);

        Assert.Equal(TimeSpan.FromSeconds(2), unavailable.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.InternalServerError, serverError.StatusCode);
        Assert.Null(serverError.Headers.RetryAfter);
    }

    [Fact]
    public async Task Outage_UntilCleared_FailsEveryCallThenRecovers()
    {
        await using var host = await SandboxHost.StartAsync(new SandboxOptions(), CancellationToken.None);
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        host.Knobs.RecommenderDelivery.StartOutage(503);

        var during = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            during.Add((await http.DeleteAsync("items/a?version=1")).StatusCode);
        }

        host.Knobs.RecommenderDelivery.EndOutage();
        var after = await http.DeleteAsync("items/a?version=1");

        Assert.All(during, status => Assert.Equal(HttpStatusCode.ServiceUnavailable, status));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(1, host.Recorder.Counts.Applied);
    }

    [Fact]
    public async Task Outage_UntilATime_EndsWhenTheClockPassesIt()
    {
        var time = new WatchedTimeProvider();
        await using var host = await SandboxHost.StartAsync(new SandboxOptions(), time, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        host.Knobs.ContentApi.StartOutage(500, time.GetUtcNow() + TimeSpan.FromSeconds(10));

        var during = await http.GetAsync(ContentPath);
        time.Advance(TimeSpan.FromSeconds(10));
        var after = await http.GetAsync(ContentPath);

        Assert.Equal(HttpStatusCode.InternalServerError, during.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Null(host.Knobs.ContentApi.Outage);
    }

    [Fact]
    public async Task Latency_Set_HoldsTheAnswerUntilItHasPassed()
    {
        var time = new WatchedTimeProvider();
        await using var host = await SandboxHost.StartAsync(new SandboxOptions(), time, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        host.Knobs.ContentApi.Latency = TimeSpan.FromMilliseconds(300);

        var call = http.GetAsync(ContentPath);
        // The latency's own timer, not just any: another timer on the clock must not let the advance run ahead of it.
        await time.WaitForTimerAsync(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromMilliseconds(299));
        var stillWaiting = !call.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(1));
        var response = await call.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(stillWaiting);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ErrorRate_SameSeed_FailsTheSameCallsInEveryRun()
    {
        var first = await RunWithErrorRateAsync(seed: 42);
        var second = await RunWithErrorRateAsync(seed: 42);

        Assert.Equal(first, second);
        Assert.InRange(first.Count(failed => failed), 20, 80);
    }

    [Fact]
    public async Task KnobsEndpoint_ScriptAndLatency_AppliesThemAndReportsState()
    {
        await using var host = await SandboxHost.StartAsync(new SandboxOptions(), CancellationToken.None);
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        var update = new KnobsUpdate
        {
            Service = "content-api",
            LatencyMs = 1,
            RetryAfterSeconds = 3,
            Script = [new ScriptStep { Status = 503, Times = 2 }],
        };

        var response = await http.PostAsJsonAsync("_sandbox/knobs", update, SandboxJsonContext.Default.KnobsUpdate);
        var view = await response.Content.ReadFromJsonAsync(SandboxJsonContext.Default.KnobsView);
        var first = await http.GetAsync(ContentPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var content = Assert.Single(view!.Services, s => s.Service == "content-api");
        Assert.Equal(2, content.ScriptedPending);
        Assert.Equal(1, content.LatencyMs);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), first.Headers.RetryAfter?.Delta);
        Assert.Equal(TimeSpan.FromMilliseconds(1), host.Knobs.ContentApi.Latency);
    }

    [Fact]
    public async Task KnobsEndpoint_OutageForAllThenReset_AffectsEveryServiceAndRestores()
    {
        await using var host = await SandboxHost.StartAsync(new SandboxOptions(), CancellationToken.None);
        using var http = new HttpClient { BaseAddress = host.BaseUrl };

        await http.PostAsJsonAsync("_sandbox/knobs", new KnobsUpdate { Service = "all", Outage = new OutageUpdate { Status = 503 } }, SandboxJsonContext.Default.KnobsUpdate);
        var content = await http.GetAsync(ContentPath);
        var placement = await http.GetAsync("placements/p");
        await http.PostAsJsonAsync("_sandbox/knobs", new KnobsUpdate { Service = "all", Reset = true }, SandboxJsonContext.Default.KnobsUpdate);
        var afterReset = await http.GetAsync(ContentPath);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, content.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, placement.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterReset.StatusCode);
        Assert.Equal(1, host.Knobs.ContentApi.TotalCalls);
    }

    [Theory]
    [InlineData("{\"service\":\"nope\"}")]
    [InlineData("{\"service\":\"content-api\",\"errorRate\":1.5}")]
    [InlineData("{\"service\":\"content-api\",\"script\":[{\"status\":200,\"times\":0}]}")]
    public async Task KnobsEndpoint_InvalidUpdate_Answers400(string body)
    {
        await using var host = await SandboxHost.StartAsync(new SandboxOptions(), CancellationToken.None);
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var response = await http.PostAsync("_sandbox/knobs", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ApiKey_Required_RejectsCallsWithoutIt()
    {
        await using var host = await SandboxHost.StartAsync(new SandboxOptions { ApiKey = "secret" }, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = host.BaseUrl };

        var without = await http.GetAsync(ContentPath);
        using var request = new HttpRequestMessage(HttpMethod.Get, ContentPath) { Headers = { { "X-Api-Key", "secret" } } };
        var with = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    [Fact]
    public void Enqueue_NonErrorNonSuccessStatus_Throws()
    {
        var knobs = new SandboxKnobs(new SandboxOptions(), TimeProvider.System);

        Assert.Throws<ArgumentOutOfRangeException>(() => knobs.ContentApi.Enqueue(new ScriptedResponse(302)));
        Assert.Throws<ArgumentOutOfRangeException>(() => knobs.ContentApi.ErrorRate = -0.1);
    }

    private static async Task<List<bool>> RunWithErrorRateAsync(int seed)
    {
        await using var host = await SandboxHost.StartAsync(new SandboxOptions { Seed = seed }, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        host.Knobs.ContentApi.ErrorRate = 0.5;
        var failed = new List<bool>();
        for (var i = 0; i < 100; i++)
        {
            failed.Add((await http.GetAsync(ContentPath)).StatusCode == HttpStatusCode.ServiceUnavailable);
        }

        return failed;
    }
}
