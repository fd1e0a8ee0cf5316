using RecoFunctions.Core.Domain;

namespace RecoFunctions.Core.Windowing;

/// <summary>A validated interaction and the offset of the record it came from in its source partition.</summary>
public sealed record OffsetEvent(long Offset, InteractionEvent Event);
