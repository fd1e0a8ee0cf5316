namespace Microsoft.Azure.Functions.Worker;

/// <summary>
/// Security protocol of the Kafka bindings. Checked against Azure/azure-functions-dotnet-worker, tag
/// kafka-extension-4.3.0, extensions/Worker.Extensions.Kafka/src/BrokerProtocol.cs: the names and values are what the
/// Worker SDK writes into functions.metadata.
/// </summary>
public enum BrokerProtocol
{
    NotSet = -1,
    Plaintext,
    Ssl,
    SaslPlaintext,
    SaslSsl,
}
