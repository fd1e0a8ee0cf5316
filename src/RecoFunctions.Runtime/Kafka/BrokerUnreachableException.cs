using System.Globalization;

namespace RecoFunctions.Runtime.Kafka;

/// <summary>Kafka did not answer a metadata request at start-up within <c>Kafka:ConnectTimeout</c>.</summary>
public sealed class BrokerUnreachableException : Exception
{
    public BrokerUnreachableException()
        : this("Kafka could not be reached.")
    {
    }

    public BrokerUnreachableException(string message)
        : base(message)
    {
        BootstrapServers = string.Empty;
    }

    public BrokerUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
        BootstrapServers = string.Empty;
    }

    public BrokerUnreachableException(string bootstrapServers, TimeSpan timeout, Exception innerException)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"Kafka at {bootstrapServers} did not answer within {timeout.TotalSeconds:0.###} s (Kafka:ConnectTimeout): {innerException?.Message}"), innerException)
    {
        BootstrapServers = bootstrapServers;
        Timeout = timeout;
    }

    /// <summary>The address that was tried.</summary>
    public string BootstrapServers { get; }

    /// <summary>How long it was given.</summary>
    public TimeSpan Timeout { get; }
}
