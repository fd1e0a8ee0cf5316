using System.Net;
using System.Net.Sockets;

namespace RecoFunctions.Testing;

/// <summary>A loopback port nothing listens on (it was free a moment ago), to provoke connection failures.</summary>
public static class ClosedPort
{
    public static Uri Url()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
