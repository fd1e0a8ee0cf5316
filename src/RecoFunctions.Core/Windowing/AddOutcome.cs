namespace RecoFunctions.Core.Windowing;

/// <summary>What the windows did with one event.</summary>
internal enum AddOutcome
{
    Added,

    /// <summary>The user's open windows already counted this eventId.</summary>
    Duplicate,

    /// <summary>Every window the event falls into had already closed.</summary>
    Late,

    /// <summary>A configured bound (users per partition, events per window) would be exceeded.</summary>
    OverCapacity,
}
