using System.Text.Json.Nodes;

namespace RecoFunctions.Local.Workload;

/// <summary>One way to break one configured rule: <see cref="Apply"/> turns a complete valid event into one that breaks it.</summary>
internal sealed record RuleViolation(string Rule, string Path, Action<JsonObject, ViolationContext> Apply)
{
    public string Name => $"{Rule} at $.{Path}";
}
