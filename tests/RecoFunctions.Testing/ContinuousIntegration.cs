namespace RecoFunctions.Testing;

/// <summary>Whether the tests run in CI (<c>CI=true</c>, as <c>.ci/run</c> is run): there a missing dependency fails, never skips.</summary>
public static class ContinuousIntegration
{
    public static bool IsRunning =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
