namespace RecoFunctions.Local.Workload;

/// <summary>What a rule violation may change besides the event itself: the Kafka key, given the current time.</summary>
internal sealed class ViolationContext(string key, DateTimeOffset now)
{
    public string Key { get; set; } = key;

    public DateTimeOffset Now { get; } = now;
}
