using System.Runtime.InteropServices;

namespace RecoFunctions.Runtime.Kafka;

/// <summary>
/// Loads another librdkafka build in place of librdkafka.redist's when <c>RECO_LIBRDKAFKA</c> names one: the patched
/// build of <c>eng/librdkafka.sh</c>, for benches. Without it the package's library is found by default probing.
/// <c>Library.Load</c> is not used: it depends on a <c>libdl</c> that current glibc no longer provides under that name.
/// </summary>
internal static class LibrdkafkaLoader
{
    public const string PathVariable = "RECO_LIBRDKAFKA";

    private static readonly Lock Gate = new();
    private static bool _installed;

    /// <summary>The library named by <c>RECO_LIBRDKAFKA</c>, if any.</summary>
    public static string? OverridePath => Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : null;

    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

            _installed = true;
            NativeLibrary.SetDllImportResolver(typeof(Confluent.Kafka.Library).Assembly, Resolve);
        }
    }

    private static IntPtr Resolve(string name, System.Reflection.Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != "librdkafka")
        {
            return IntPtr.Zero;
        }

        // Zero: the default probing finds librdkafka.redist's library.
        return OverridePath is { } path ? NativeLibrary.Load(path) : IntPtr.Zero;
    }
}
