namespace RecoFunctions.Local.Workload;

/// <summary>Why a message is in the workload; each category has one <see cref="MessageFate"/>.</summary>
public enum MessageCategory
{
    /// <summary>A new version of a key.</summary>
    Valid,

    /// <summary>A message sent again, byte for byte.</summary>
    Duplicate,

    /// <summary>An older version of a key sent after a newer one.</summary>
    OutOfOrder,

    /// <summary>A well-formed event that breaks one configured validation rule.</summary>
    Invalid,

    /// <summary>Garbage a broken producer might send: bad encoding, truncated or huge values, tombstones, no key.</summary>
    Hostile,

    /// <summary>A valid event a downstream service refuses for good (unknown content or placement, rejected key).</summary>
    PermanentFailure,

    /// <summary>A valid interaction stamped far behind the event clock: its windows are closed, so it is dead-lettered at window (<c>late</c>).</summary>
    Late,
}
