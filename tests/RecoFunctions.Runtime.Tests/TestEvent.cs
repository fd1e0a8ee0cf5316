namespace RecoFunctions.Runtime.Tests;

/// <summary>One record to produce. <see cref="Kind"/> is the recorder's delivery kind for valid events, empty for broken ones.</summary>
internal sealed record TestEvent(string Topic, string Key, long Version, string Kind, byte[] Value)
{
    public bool IsValid => Kind.Length > 0;
}
