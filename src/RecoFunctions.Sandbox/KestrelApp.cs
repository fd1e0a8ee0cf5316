using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace RecoFunctions.Sandbox;

/// <summary>
/// A small Kestrel application embedded in another process: reads nothing of the process's configuration, leaves its
/// signals alone, listens on one address, and tells where it listens once started.
/// </summary>
public static class KestrelApp
{
    /// <summary>An empty builder listening on <paramref name="address"/>:<paramref name="port"/> (0: any free port).</summary>
    public static WebApplicationBuilder CreateBuilder(string applicationName, IPAddress address, int port)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = applicationName });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, port);
        });
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        return builder;
    }

    /// <summary>Starts <paramref name="app"/> (disposing it when that fails) and returns its base address, ending with '/'.</summary>
    public static async Task<Uri> StartAsync(WebApplication app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }
}
