using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace RecoFunctions.Functions.Tests.Hosting;

/// <summary>
/// The settings of host.json's <c>extensions.durableTask</c> section, read from the host extension the build ships:
/// <c>DurableTaskOptions</c> in <c>.azurefunctions/Microsoft.Azure.WebJobs.Extensions.DurableTask.dll</c> (the version
/// the durable worker extension names; the host binds the section onto that class, ignoring case). Inspected without
/// loading it, so its own dependencies do not matter.
/// </summary>
internal sealed class DurableTaskOptionsSettings : IDisposable
{
    private const string OptionsType = "Microsoft.Azure.WebJobs.Extensions.DurableTask.DurableTaskOptions";

    private readonly MetadataLoadContext _context;

    public DurableTaskOptionsSettings()
    {
        var extensions = Path.Combine(AppContext.BaseDirectory, ".azurefunctions");
        Assert.True(Directory.Exists(extensions), $"{extensions} is missing: the Worker SDK builds it with the app.");
        var assemblies = Directory.GetFiles(extensions, "*.dll")
            .Concat(Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll"));
        _context = new MetadataLoadContext(new PathAssemblyResolver(assemblies));
        var path = Path.Combine(extensions, "Microsoft.Azure.WebJobs.Extensions.DurableTask.dll");
        Options = _context.LoadFromAssemblyPath(path).GetType(OptionsType, throwOnError: true)!;
        ExtensionVersion = FileVersionInfo.GetVersionInfo(path).ProductVersion ?? "unknown";
    }

    public Type Options { get; }

    public string ExtensionVersion { get; }

    public void Dispose() => _context.Dispose();
}
