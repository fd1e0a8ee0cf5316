namespace RecoFunctions.Core.DeadLetters;

/// <summary>The <c>original</c> member of a <see cref="DeadLetterEnvelope"/>: where the record came from and what it held.</summary>
internal sealed class DeadLetterEnvelopeOriginal
{
    public string Topic { get; set; } = string.Empty;

    public int Partition { get; set; }

    public long Offset { get; set; }

    public string? Key { get; set; }

    public DateTimeOffset Timestamp { get; set; }

    public List<DeadLetterEnvelopeHeader>? Headers { get; set; }

    /// <summary>Length of the original value in bytes, also when the value is omitted.</summary>
    public int ValueLength { get; set; }

    /// <summary>The value, when it is valid UTF-8.</summary>
    public string? Value { get; set; }

    /// <summary>The value, base64-encoded, when it is not valid UTF-8.</summary>
    public string? ValueBase64 { get; set; }

    public bool ValueOmitted { get; set; }
}
