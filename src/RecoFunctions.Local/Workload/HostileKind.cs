namespace RecoFunctions.Local.Workload;

/// <summary>The kinds of garbage in a workload.</summary>
internal enum HostileKind
{
    /// <summary>Latin-1 bytes in a text field, as a producer with the wrong encoding sends them.</summary>
    InvalidUtf8,

    /// <summary>A value cut short.</summary>
    Truncated,

    /// <summary>A value larger than Pipeline:MaxPayloadBytes.</summary>
    Oversized,

    /// <summary>JSON nested deeper than Pipeline:MaxJsonDepth.</summary>
    DeeplyNested,

    /// <summary>A binary value (schema-registry framing, then bytes): a producer on the wrong serializer.</summary>
    Binary,

    /// <summary>A null value: a tombstone.</summary>
    Tombstone,

    /// <summary>A zero-length value.</summary>
    Empty,

    /// <summary>A value of blanks and line breaks.</summary>
    Whitespace,

    /// <summary>A valid event without a Kafka key.</summary>
    MissingKey,

    /// <summary>Valid JSON that is not an object.</summary>
    NotAnObject,

    /// <summary>An object naming the same property twice.</summary>
    DuplicateProperty,
}
