using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace RecoFunctions.Core.Windowing;

/// <summary>A stable 64-bit hash of an event id, for dedupe: stored in window state, so it must not change between processes.</summary>
internal static class EventIdHash
{
    public static ulong Of(string eventId) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(eventId.AsSpan()));
}
