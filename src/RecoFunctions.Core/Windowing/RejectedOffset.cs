using RecoFunctions.Core.DeadLetters;

namespace RecoFunctions.Core.Windowing;

/// <summary>A record the windows refused (late, or past a configured bound), to be dead-lettered with its <see cref="Failure"/>.</summary>
public sealed record RejectedOffset(long Offset, DeadLetterFailure Failure);
