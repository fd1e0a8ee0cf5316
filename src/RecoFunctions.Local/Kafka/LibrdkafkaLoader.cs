using System.Runtime.InteropServices;

namespace RecoFunctions.Local.Kafka;

/// <summary>
/// Points Confluent.Kafka at a librdkafka build. The build copies librdkafka.so next to the app, which default
/// probing finds; <c>RECO_LIBRDKAFKA</c> overrides that with any file. <c>Library.Load</c> is not used: it depends on
/// a <c>libdl</c> that current glibc no longer provides under that name.
/// </summary>
internal static class LibrdkafkaLoader
{
    public const string PathVariable = "RECO_LIBRDKAFKA";

    private static readonly Lock Gate = new();
    private static bool _installed;

    /// <summary>The loaded library's handle once something has loaded it; zero before.</summary>
    public static IntPtr Handle { get; private set; }

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

        var path = Environment.GetEnvironmentVariable(PathVariable);
        var handle = string.IsNullOrEmpty(path)
            ? NativeLibrary.Load(name, assembly, searchPath)
            : NativeLibrary.Load(path);
        Handle = handle;
        return handle;
    }
}
