using System.Reflection;

namespace RecoFunctions.Functions.Tests.Infrastructure;

/// <summary>Paths the build records in the test assembly: the repository and the downloaded bicep executable.</summary>
internal static class Repository
{
    public static string Root => Metadata("RepositoryRoot");

    public static string Bicep => Metadata("Bicep");

    public static string File(string relativePath) => Path.Combine(Root, relativePath);

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value
        ?? throw new InvalidOperationException($"The build recorded no {key}.");
}
