using System.Data.Common;
using System.Net.Sockets;
using RecoFunctions.Testing;

namespace RecoFunctions.Functions.Tests.CircuitState;

/// <summary>
/// Where Azurite's table service is: the connection string in <c>RECO_AZURITE_TABLES</c> (what <c>eng/azurite.sh
/// start</c> prints and <c>.ci/run</c> exports), else the emulator's default endpoint (127.0.0.1:10002). Tests skip,
/// with the reason, when it does not answer, except in CI (<c>CI=true</c>), where they run and fail instead.
/// </summary>
public sealed class AzuriteTables : ISkipCondition
{
    public const string EnvironmentVariable = "RECO_AZURITE_TABLES";

    private const string DefaultConnectionString = "UseDevelopmentStorage=true";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured ? configured : DefaultConnectionString;

    public string? SkipReason
    {
        get
        {
            if (ContinuousIntegration.IsRunning)
            {
                return null;
            }

            var (host, port) = Endpoint();
            var start = $"start it with `eng/azurite.sh start` and export the {EnvironmentVariable}=... line it prints, or run npx azurite-table";
            try
            {
                using var client = new TcpClient();
                return client.ConnectAsync(host, port).Wait(TimeSpan.FromSeconds(1))
                    ? null
                    : $"Azurite's table service is not listening on {host}:{port}; {start}";
            }
            catch (AggregateException exception) when (exception.InnerException is SocketException)
            {
                return $"Azurite's table service is not reachable on {host}:{port} ({exception.InnerException.Message}); {start}";
            }
        }
    }

    /// <summary>The table endpoint's host and port, from the connection string.</summary>
    private static (string Host, int Port) Endpoint()
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = ConnectionString };
        return builder.TryGetValue("TableEndpoint", out var endpoint) && Uri.TryCreate(endpoint?.ToString(), UriKind.Absolute, out var uri)
            ? (uri.Host, uri.Port)
            : ("127.0.0.1", 10002);
    }
}
