using System.Globalization;
using System.Net;

namespace RecoFunctions.Local.Telemetry;

/// <summary>The value of <c>--metrics-port</c>: a TCP port, 0 for any free one.</summary>
public static class MetricsPort
{
    public static bool TryParse(string? text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= IPEndPoint.MaxPort;
}
