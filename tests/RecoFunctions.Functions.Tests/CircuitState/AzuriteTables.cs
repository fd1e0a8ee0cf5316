using System.Net.Sockets;
using RecoFunctions.Testing;

namespace RecoFunctions.Functions.Tests.CircuitState;

/// <summary>Runs the table tests only when Azurite's table service answers on 127.0.0.1:10002.</summary>
public sealed class AzuriteTables : ISkipCondition
{
    public const string ConnectionString = "UseDevelopmentStorage=true";

    public string? SkipReason
    {
        get
        {
            try
            {
                using var client = new TcpClient();
                return client.ConnectAsync("127.0.0.1", 10002).Wait(TimeSpan.FromSeconds(1))
                    ? null
                    : "Azurite's table service is not listening on 127.0.0.1:10002 (start it: npx azurite-table --tableHost 127.0.0.1 --tablePort 10002 --inMemoryPersistence, or docker compose up -d azurite)";
            }
            catch (AggregateException exception) when (exception.InnerException is SocketException)
            {
                return $"Azurite's table service is not reachable on 127.0.0.1:10002 ({exception.InnerException.Message}); start it with npx azurite-table or docker compose up -d azurite";
            }
        }
    }
}
