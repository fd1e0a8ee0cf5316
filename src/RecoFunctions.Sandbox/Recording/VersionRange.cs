namespace RecoFunctions.Sandbox.Recording;

/// <summary>The versions <see cref="From"/> to <see cref="To"/>, both included.</summary>
public readonly record struct VersionRange(long From, long To)
{
    public long Count => To - From + 1;

    public bool Contains(long version) => version >= From && version <= To;
}
