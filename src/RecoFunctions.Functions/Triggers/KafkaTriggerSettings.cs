using Microsoft.Azure.Functions.Worker;

namespace RecoFunctions.Functions.Triggers;

/// <summary>
/// Values the Kafka trigger and output attributes take. Strings name app settings (the host resolves them, also as
/// <c>%name%</c>); the enums and the lag threshold are compile-time attribute values.
/// </summary>
internal static class KafkaTriggerSettings
{
    /// <summary>App setting with the bootstrap servers.</summary>
    public const string BrokerList = "KafkaBrokerList";

    /// <summary>App settings with the SASL credentials (Key Vault references in Azure).</summary>
    public const string Username = "KafkaUsername";

    public const string Password = "KafkaPassword";

    /// <summary>
    /// Target number of unprocessed messages per instance for target-based scaling
    /// (instances = ceil(total lag / LagThreshold), at most one per partition). Compile-time: the attribute takes a
    /// constant. The deployment records its intended value in the <c>KafkaLagThreshold</c> app setting, and
    /// <see cref="Hosting.LagThresholdStartupCheck"/> warns at start-up if the two differ.
    /// </summary>
    public const long LagThreshold = 1000;

    /// <summary>App setting recording the intended <see cref="LagThreshold"/>.</summary>
    public const string LagThresholdSetting = "KafkaLagThreshold";

#if RECO_KAFKA_PLAINTEXT
    public const BrokerProtocol Protocol = BrokerProtocol.NotSet;

    public const BrokerAuthenticationMode AuthenticationMode = BrokerAuthenticationMode.NotSet;
#else
    public const BrokerProtocol Protocol = BrokerProtocol.SaslSsl;

    public const BrokerAuthenticationMode AuthenticationMode = BrokerAuthenticationMode.Plain;
#endif

    /// <summary>
    /// Whether the triggers use SASL_SSL with PLAIN; the dead-letter producer follows them. A property, not a constant,
    /// so that code branching on it compiles without unreachable-code warnings in either build.
    /// </summary>
    public static bool UsesSaslSsl => Protocol == BrokerProtocol.SaslSsl;
}
