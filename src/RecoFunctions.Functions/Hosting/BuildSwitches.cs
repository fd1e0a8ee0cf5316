using System.Reflection;

namespace RecoFunctions.Functions.Hosting;

/// <summary>The build's choices (MSBuild properties recorded in the assembly; see the project file and docs/functions.md).</summary>
public static class BuildSwitches
{
    public const string KafkaExtensionProperty = "RecoKafkaExtension";

    public const string DurableBackendProperty = "RecoDurableBackend";

    /// <summary><c>Package</c> (the Kafka worker extension) or <c>Attributes</c> (eng/RecoFunctions.Kafka.Attributes).</summary>
    public static string KafkaExtension => Read(KafkaExtensionProperty);

    /// <summary><c>AzureStorage</c> or <c>Scheduler</c>.</summary>
    public static string DurableBackend => Read(DurableBackendProperty);

    /// <summary>
    /// Stops a build with the attributes-only Kafka assembly from starting: it has no host-side Kafka extension, so its
    /// triggers could never fire.
    /// </summary>
    public static void EnsureKafkaExtension()
    {
        if (!string.Equals(KafkaExtension, "Package", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"This build has {KafkaExtensionProperty}={KafkaExtension}: the Kafka attributes without the Kafka extension, " +
                $"which describes the functions but cannot consume Kafka. Build or publish with -p:{KafkaExtensionProperty}=Package " +
                $"(or the environment variable {KafkaExtensionProperty}=Package before func start).");
        }
    }

    private static string Read(string key) =>
        typeof(BuildSwitches).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(attribute => attribute.Key == key)?.Value
        ?? throw new InvalidOperationException($"The assembly records no {key}.");
}
