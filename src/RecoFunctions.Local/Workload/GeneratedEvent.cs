namespace RecoFunctions.Local.Workload;

/// <summary>A serialised event with its key and version; <see cref="Stage"/> and <see cref="Rule"/> say where a permanent failure is expected.</summary>
internal readonly record struct GeneratedEvent(string Key, long Version, byte[] Value, string? Stage = null, string? Rule = null);
