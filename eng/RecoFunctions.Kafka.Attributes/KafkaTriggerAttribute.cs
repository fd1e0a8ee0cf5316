using Microsoft.Azure.Functions.Worker.Converters;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>
/// Kafka trigger binding. Checked against Azure/azure-functions-dotnet-worker, tag kafka-extension-4.3.0,
/// extensions/Worker.Extensions.Kafka/src/KafkaTriggerAttribute.cs: the class attributes, the constructor's parameter
/// names (they become the binding's <c>brokerList</c> and <c>topic</c>), the property names and defaults used here, and
/// <c>[DefaultValue(false)]</c> on <see cref="IsBatched"/>, which makes the Worker SDK always write a cardinality.
/// </summary>
[InputConverter(typeof(KafkaRecordConverter))]
[ConverterFallbackBehavior(ConverterFallbackBehavior.Default)]
[BindingCapabilities(KnownBindingCapabilities.FunctionLevelRetry)]
public sealed class KafkaTriggerAttribute : TriggerBindingAttribute, ISupportCardinality
{
    public KafkaTriggerAttribute(string brokerList, string topic)
    {
        BrokerList = brokerList;
        Topic = topic;
    }

    public string Topic { get; private set; }

    public string BrokerList { get; private set; }

    public string ConsumerGroup { get; set; }

    public BrokerAuthenticationMode AuthenticationMode { get; set; } = BrokerAuthenticationMode.NotSet;

    public string Username { get; set; }

    public string Password { get; set; }

    public BrokerProtocol Protocol { get; set; } = BrokerProtocol.NotSet;

    public long LagThreshold { get; set; } = 1000;

    [DefaultValue(false)]
    public bool IsBatched { get; set; }

    Cardinality ISupportCardinality.Cardinality
    {
        get => IsBatched ? Cardinality.Many : Cardinality.One;
        set => IsBatched = value == Cardinality.Many;
    }
}
