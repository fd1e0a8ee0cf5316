namespace Microsoft.Azure.Functions.Worker;

/// <summary>
/// SASL mechanism of the Kafka bindings. Checked against Azure/azure-functions-dotnet-worker, tag
/// kafka-extension-4.3.0, extensions/Worker.Extensions.Kafka/src/BrokerAuthenticationMode.cs.
/// </summary>
public enum BrokerAuthenticationMode
{
    NotSet = -1,
    Gssapi,
    Plain,
    ScramSha256,
    ScramSha512,
    OAuthBearer,
}
