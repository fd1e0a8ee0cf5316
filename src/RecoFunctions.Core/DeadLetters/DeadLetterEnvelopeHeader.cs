namespace RecoFunctions.Core.DeadLetters;

/// <summary>One original header in a <see cref="DeadLetterEnvelope"/>; the value is base64 because headers are bytes.</summary>
internal sealed class DeadLetterEnvelopeHeader
{
    public string? Key { get; set; }

    public string? Value { get; set; }
}
