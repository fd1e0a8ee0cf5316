using RecoFunctions.Core.DeadLetters;
using Xunit;

namespace RecoFunctions.Testing;

/// <summary>Field-for-field comparison of dead letters, so that a writer and a reader that disagree on any field fail.</summary>
public static class DeadLetterAssert
{
    public static void Same(DeadLetterRecord expected, DeadLetterRecord actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        Assert.Equal(expected.Failure, actual.Failure);
        Assert.Equal(expected.OriginalId, actual.OriginalId);
        Assert.Equal(expected.Key, actual.Key);
        Assert.Equal(expected.OriginalTimestamp, actual.OriginalTimestamp);
        Assert.Equal(expected.DeadLetteredAt, actual.DeadLetteredAt);
        Assert.Equal(expected.Value.ToArray(), actual.Value.ToArray());
        Assert.Equal((expected.ValueOmitted, expected.OmittedValueBytes), (actual.ValueOmitted, actual.OmittedValueBytes));
        Assert.Equal(
            expected.OriginalHeaders.Select(header => (header.Key, Convert.ToBase64String(header.Value ?? []))),
            actual.OriginalHeaders.Select(header => (header.Key, Convert.ToBase64String(header.Value ?? []))));
    }
}
