using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace RecoFunctions.Runtime.Kafka;

/// <summary>
/// The few functions of librdkafka's mock-cluster API that the managed client does not expose: creating topics with a
/// chosen partition count (the mock does not implement CreateTopics) and removing the initial group-rebalance delay.
/// </summary>
internal static class MockClusterNative
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr HandleMockClusterFn(IntPtr client);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetDelayFn(IntPtr cluster, int delayMs);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int TopicCreateFn(IntPtr cluster, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int partitions, int replicationFactor);

    // The names Confluent.Kafka tries, in its order: librdkafka.redist's Linux build needs libsasl2, and where that is
    // missing the client falls back to the package's self-contained build (or the musl one on Alpine). The first that
    // loads is the one the client already uses, so both call into the same library.
    private static readonly string[] Candidates = ["librdkafka", "centos8-librdkafka.so", "alpine-librdkafka.so"];

    private static readonly Lazy<IntPtr> Library = new(Load);

    public static IntPtr MockClusterOf(Handle handle)
    {
        // Confluent.Kafka keeps the native client handle internal; this is pinned to the 2.x layout.
        var property = typeof(Handle).GetProperty("LibrdkafkaHandle", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new MissingMemberException("Confluent.Kafka.Handle.LibrdkafkaHandle");
        var client = ((SafeHandle)property.GetValue(handle)!).DangerousGetHandle();
        var cluster = Function<HandleMockClusterFn>("rd_kafka_handle_mock_cluster")(client);
        return cluster != IntPtr.Zero ? cluster : throw new InvalidOperationException("The client owns no mock cluster.");
    }

    public static void SetInitialRebalanceDelay(IntPtr cluster, TimeSpan delay) =>
        Function<SetDelayFn>("rd_kafka_mock_group_initial_rebalance_delay_ms")(cluster, (int)delay.TotalMilliseconds);

    public static void CreateTopic(IntPtr cluster, string topic, int partitions)
    {
        var error = Function<TopicCreateFn>("rd_kafka_mock_topic_create")(cluster, topic, partitions, 1);
        if (error != 0)
        {
            throw new KafkaException((ErrorCode)error);
        }
    }

    private static IntPtr Load()
    {
        if (LibrdkafkaLoader.OverridePath is { } path)
        {
            return NativeLibrary.Load(path);
        }

        var assembly = typeof(Confluent.Kafka.Library).Assembly;
        foreach (var name in Candidates)
        {
            if (NativeLibrary.TryLoad(name, assembly, null, out var handle))
            {
                return handle;
            }
        }

        throw new DllNotFoundException("librdkafka is not loaded: tried " + string.Join(", ", Candidates) + ".");
    }

    private static T Function<T>(string name)
        where T : Delegate =>
        Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(Library.Value, name));
}
