using System.Net;
using System.Text.Json;
using RecoFunctions.Local.Tests.Support;

namespace RecoFunctions.Local.Tests.Cli.Sandbox;

public sealed class SandboxCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("reco-sandbox-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Sandbox_PortZero_PrintsAddressServesStatsAndStopsWithZero()
    {
        var addressFile = Path.Combine(_directory, "address");
        await using var sandbox = RunningCommand.Start("sandbox", "--port", "0", "--latency", "1ms", "--address-file", addressFile);

        var url = (await sandbox.LineStartingWithAsync("sandbox: "))["sandbox: ".Length..];
        using var http = new HttpClient();
        using var stats = await http.GetAsync($"{url}/_sandbox/stats");

        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", url);
        Assert.Equal(url, (await File.ReadAllTextAsync(addressFile)).Trim());
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        Assert.Equal(0, JsonDocument.Parse(await stats.Content.ReadAsStringAsync()).RootElement.GetProperty("received").GetInt64());
        Assert.Equal(0, await sandbox.StopAsync());
        Assert.Contains("stopped", sandbox.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Knobs_OutageForFifteenSeconds_OnlyThatServiceFailsUntilThen()
    {
        await using var sandbox = RunningCommand.Start("sandbox", "--port", "0");
        var url = (await sandbox.LineStartingWithAsync("sandbox: "))["sandbox: ".Length..];
        var before = DateTimeOffset.UtcNow;

        var knobs = await CliRun.InvokeAsync(["sandbox", "knobs", "--url", url, "--service", "recommender-delivery", "--outage", "503", "--for", "15s"]);
        using var http = new HttpClient();
        using var delivery = await http.PostAsync($"{url}/deliveries/batch", new StringContent("""{"operations":[]}""", System.Text.Encoding.UTF8, "application/json"));
        using var content = await http.GetAsync($"{url}/contents/art-1000");

        Assert.Equal(0, knobs.ExitCode);
        var services = JsonDocument.Parse(knobs.Output).RootElement.GetProperty("services").EnumerateArray().ToDictionary(s => s.GetProperty("service").GetString()!);
        var recommender = services["recommender-delivery"];
        Assert.True(recommender.GetProperty("outageActive").GetBoolean());
        Assert.Equal(503, recommender.GetProperty("outageStatus").GetInt32());
        Assert.InRange(recommender.GetProperty("outageUntilUtc").GetDateTimeOffset(), before.AddSeconds(14), DateTimeOffset.UtcNow.AddSeconds(16));
        Assert.False(services["content-api"].GetProperty("outageActive").GetBoolean());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, delivery.StatusCode);
        Assert.Equal(HttpStatusCode.OK, content.StatusCode);
    }

    [Fact]
    public async Task Stats_RunningSandbox_PrintsItsStatsAsJson()
    {
        await using var sandbox = RunningCommand.Start("sandbox", "--port", "0");
        var url = (await sandbox.LineStartingWithAsync("sandbox: "))["sandbox: ".Length..];
        using (var http = new HttpClient())
        {
            (await http.GetAsync($"{url}/contents/art-1000")).Dispose();
        }

        var stats = await CliRun.InvokeAsync(["sandbox", "stats", "--url", url]);

        Assert.Equal(0, stats.ExitCode);
        var root = JsonDocument.Parse(stats.Output).RootElement;
        Assert.Equal(0, root.GetProperty("applied").GetInt64());
        Assert.Equal(1, root.GetProperty("services").GetProperty("content-api").GetProperty("totalCalls").GetInt64());
    }

    [Theory]
    [InlineData(new[] { "--error-rate", "3" }, 2, "error rate")]
    [InlineData(new[] { "--script", "503xx" }, 2, "--script")]
    [InlineData(new[] { "--latency", "5 parsecs" }, 2, "is not a duration")]
    public async Task Knobs_BadValues_RefusedWithUsageExit(string[] arguments, int exitCode, string message)
    {
        await using var sandbox = RunningCommand.Start("sandbox", "--port", "0");
        var url = (await sandbox.LineStartingWithAsync("sandbox: "))["sandbox: ".Length..];

        var knobs = await CliRun.InvokeAsync(["sandbox", "knobs", "--url", url, .. arguments]);

        Assert.Equal(exitCode, knobs.ExitCode);
        Assert.Contains(message, knobs.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Stats_NothingListening_ExitsOneNamingTheAddress()
    {
        var stats = await CliRun.InvokeAsync(["sandbox", "stats", "--url", RecoFunctions.Testing.ClosedPort.Url().ToString()]);

        Assert.Equal(1, stats.ExitCode);
        Assert.Contains("cannot reach the sandbox", stats.Error, StringComparison.Ordinal);
    }
}
