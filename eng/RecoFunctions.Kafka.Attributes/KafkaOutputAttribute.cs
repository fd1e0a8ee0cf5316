using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>
/// Kafka output binding. Checked against Azure/azure-functions-dotnet-worker, tag kafka-extension-4.3.0,
/// extensions/Worker.Extensions.Kafka/src/KafkaOutputAttribute.cs (constructor parameters, the members used here and
/// their defaults; no <c>[DefaultValue]</c> members there).
/// </summary>
public sealed class KafkaOutputAttribute : OutputBindingAttribute
{
    public KafkaOutputAttribute(string brokerList, string topic)
    {
        BrokerList = brokerList;
        Topic = topic;
    }

    public string Topic { get; private set; }

    public string BrokerList { get; set; }

    public bool EnableIdempotence { get; set; }

    public BrokerAuthenticationMode AuthenticationMode { get; set; } = BrokerAuthenticationMode.NotSet;

    public string Username { get; set; }

    public string Password { get; set; }

    public BrokerProtocol Protocol { get; set; } = BrokerProtocol.NotSet;
}
