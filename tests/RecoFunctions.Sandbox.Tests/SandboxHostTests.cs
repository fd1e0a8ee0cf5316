using System.Net;
using RecoFunctions.Core.Resilience;

namespace RecoFunctions.Sandbox.Tests;

public sealed class SandboxHostTests
{
    [Fact]
    public async Task StartAsync_PortZero_ListensOnLoopbackWithAFreePort()
    {
        await using var host = await SandboxHost.StartAsync(new SandboxOptions(), CancellationToken.None);

        Assert.Equal("127.0.0.1", host.BaseUrl.Host);
        Assert.NotEqual(0, host.BaseUrl.Port);
        Assert.Equal(ServiceNames.All.Order(), host.ServiceUrls.Keys.Order());
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("_sandbox/stats")).StatusCode);
    }

    [Fact]
    public async Task StartAsync_TwoHosts_RunSideBySide()
    {
        await using var first = await SandboxHost.StartAsync(new SandboxOptions(), CancellationToken.None);
        await using var second = await SandboxHost.StartAsync(new SandboxOptions(), CancellationToken.None);

        Assert.NotEqual(first.BaseUrl, second.BaseUrl);
    }

    [Fact]
    public async Task ServiceConfiguration_WithApiKey_PointsEveryServiceAtTheSandbox()
    {
        await using var host = await SandboxHost.StartAsync(new SandboxOptions { ApiKey = "k-1" }, CancellationToken.None);

        var configuration = host.ServiceConfiguration();

        foreach (var service in ServiceNames.All)
        {
            Assert.Equal(host.BaseUrl.ToString(), configuration[$"Services:{service}:BaseUrl"]);
            Assert.Equal("k-1", configuration[$"Services:{service}:ApiKey"]);
        }
    }

    [Fact]
    public async Task DisposeAsync_RunningHost_StopsListening()
    {
        var host = await SandboxHost.StartAsync(new SandboxOptions(), CancellationToken.None);
        using var http = new HttpClient { BaseAddress = host.BaseUrl };

        await host.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("_sandbox/stats"));
    }

    [Fact]
    public async Task StartAsync_HostNotAnAddress_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => SandboxHost.StartAsync(new SandboxOptions { Host = "example.invalid" }, CancellationToken.None));
    }
}
