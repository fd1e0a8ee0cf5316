namespace RecoFunctions.Core.DeadLetters;

/// <summary>What was done to a dead letter so that no personal data reaches the dead-letter topic; on the wire in <see cref="DeadLetterHeaders.Redaction"/>.</summary>
public enum DeadLetterRedaction
{
    /// <summary>Nothing: the flow carries no personal data, the key and value are the original ones.</summary>
    None,

    /// <summary>The key and every <c>userId</c> in the value were replaced by their pseudonyms; everything else is as it was.</summary>
    Pseudonymised,

    /// <summary>
    /// The value could not be read, so it could not be redacted: it is withheld (the key is pseudonymised). The original
    /// is still at its topic, partition and offset for as long as the topic keeps it.
    /// </summary>
    Withheld,
}
