namespace RecoFunctions.Functions.Planning;

/// <summary>
/// Decides from the failed activity's exception type (as the durable host reports it: the full type name) whether a
/// retry can help. Programming and data errors cannot; everything else (I/O, timeouts, cancellation on shutdown,
/// Kafka and storage errors) is treated as infrastructure and retried.
/// </summary>
public static class ActivityFailures
{
    private static readonly HashSet<string> Permanent = new(StringComparer.Ordinal)
    {
        "System.ArgumentException",
        "System.ArgumentNullException",
        "System.ArgumentOutOfRangeException",
        "System.FormatException",
        "System.InvalidCastException",
        "System.InvalidOperationException",
        "System.NotImplementedException",
        "System.NotSupportedException",
        "System.NullReferenceException",
        "System.Collections.Generic.KeyNotFoundException",
        "System.Text.Json.JsonException",
    };

    /// <summary>True unless <paramref name="errorType"/> names an exception that would fail the same way again.</summary>
    public static bool IsRetriable(string? errorType) => string.IsNullOrEmpty(errorType) || !Permanent.Contains(errorType);
}
