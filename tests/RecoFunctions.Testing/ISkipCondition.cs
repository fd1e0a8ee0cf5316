namespace RecoFunctions.Testing;

/// <summary>Decides, once per test class at discovery, whether its contract tests can run here.</summary>
public interface ISkipCondition
{
    /// <summary>Null when the tests can run; otherwise why not (shown as the skip reason).</summary>
    string? SkipReason { get; }
}
