using Confluent.Kafka;

namespace RecoFunctions.Runtime.Kafka;

/// <summary>Builds librdkafka client configurations from <see cref="KafkaOptions"/> and a resolved bootstrap address.</summary>
internal static class KafkaClientConfigs
{
    public static ConsumerConfig Consumer(KafkaOptions options, string bootstrapServers, string? groupId = null)
    {
        var config = new ConsumerConfig
        {
            GroupId = groupId ?? options.ConsumerGroup,
            // Error: with a complete log, a position outside it means records were dropped unread (CompleteLogStart).
            AutoOffsetReset = options.RequireCompleteLog ? AutoOffsetReset.Error : AutoOffsetReset.Earliest,

            // Offsets are stored by the runtime only once a message is finished, and committed explicitly.
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            SessionTimeoutMs = (int)options.SessionTimeout.TotalMilliseconds,
            HeartbeatIntervalMs = (int)Math.Max(100, options.SessionTimeout.TotalMilliseconds / 6),
            FetchWaitMaxMs = (int)options.FetchWaitMax.TotalMilliseconds,
        };
        Apply(config, options, bootstrapServers, options.Consumer);
        return config;
    }

    public static ProducerConfig Producer(KafkaOptions options, string bootstrapServers)
    {
        var config = new ProducerConfig
        {
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = options.Linger.TotalMilliseconds,
            MessageTimeoutMs = (int)Math.Max(options.ConnectTimeout.TotalMilliseconds, 5000),
            BatchNumMessages = 10_000,
        };
        Apply(config, options, bootstrapServers, options.Producer);
        return config;
    }

    public static AdminClientConfig Admin(KafkaOptions options, string bootstrapServers)
    {
        var config = new AdminClientConfig();
        Apply(config, options, bootstrapServers, extra: null);
        return config;
    }

    private static void Apply(ClientConfig config, KafkaOptions options, string bootstrapServers, Dictionary<string, string>? extra)
    {
        config.BootstrapServers = bootstrapServers;
        config.ClientId = options.ClientId;
        config.SocketConnectionSetupTimeoutMs = (int)options.ConnectTimeout.TotalMilliseconds;
        if (options.SecurityProtocol is { Length: > 0 } protocol)
        {
            config.SecurityProtocol = Enum.Parse<SecurityProtocol>(protocol.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true);
        }

        if (options.SaslMechanism is { Length: > 0 } mechanism)
        {
            config.SaslMechanism = Enum.Parse<SaslMechanism>(mechanism.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true);
        }

        config.SaslUsername = NullIfEmpty(options.SaslUsername);
        config.SaslPassword = NullIfEmpty(options.SaslPassword);
        config.SslCaLocation = NullIfEmpty(options.SslCaLocation);
        foreach (var (key, value) in extra ?? [])
        {
            config.Set(key, value);
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
