namespace RecoFunctions.Core.Windowing;

/// <summary>The new serialised window state of one user in a partition; <see cref="State"/> null removes the user (no open window left).</summary>
public sealed record UserStateChange(string UserKey, ReadOnlyMemory<byte>? State);
