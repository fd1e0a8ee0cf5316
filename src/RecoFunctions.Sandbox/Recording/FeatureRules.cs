using RecoFunctions.Core.Delivery;

namespace RecoFunctions.Sandbox.Recording;

/// <summary>What the sandbox recommender refuses in a feature record (answered <c>rejected</c> with the reason).</summary>
internal static class FeatureRules
{
    private const int MaxKeyLength = 256;
    private const int MaxWindowLength = 64;

    /// <returns>Why the record is invalid, or null.</returns>
    public static string? Problem(FeatureRecord? record, string rejectedKeyPrefix)
    {
        if (record is null)
        {
            return "a feature record is required";
        }

        if (string.IsNullOrWhiteSpace(record.UserKey) || record.UserKey.Length > MaxKeyLength)
        {
            return $"userKey is required and at most {MaxKeyLength} characters long";
        }

        if (string.IsNullOrWhiteSpace(record.Window) || record.Window.Length > MaxWindowLength)
        {
            return $"window is required and at most {MaxWindowLength} characters long";
        }

        if (record.End <= record.Start)
        {
            return "end must be after start";
        }

        if (record.Counts is null || record.TopTags is null || record.TopKinds is null)
        {
            return "counts, topTags and topKinds are required";
        }

        if (ValueProblem(record) is { } problem)
        {
            return problem;
        }

        return record.UserKey.StartsWith(rejectedKeyPrefix, StringComparison.Ordinal)
            ? "userKey is on the sandbox's reject list"
            : null;
    }

    private static string? ValueProblem(FeatureRecord record)
    {
        if (record.Events < 1 || record.TotalDwellMs < 0)
        {
            return "events must be at least 1 and totalDwellMs not negative";
        }

        if (record.Counts.Values.Any(count => count < 1) || record.Counts.Values.Sum(count => (long)count) != record.Events)
        {
            return "counts must be positive and add up to events";
        }

        return record.DistinctContents < 1 || record.DistinctContents > record.Events
            ? "distinctContents must be between 1 and events"
            : null;
    }
}
