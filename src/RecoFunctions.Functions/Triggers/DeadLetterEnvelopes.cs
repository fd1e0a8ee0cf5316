using Microsoft.Extensions.Logging;
using RecoFunctions.Core.DeadLetters;

namespace RecoFunctions.Functions.Triggers;

/// <summary>A trigger's dead letters as its output binding takes them: each logged, then encoded as an envelope.</summary>
internal static class DeadLetterEnvelopes
{
    /// <returns>The envelopes (JSON), in the order of <paramref name="deadLetters"/>.</returns>
    public static string[] LogAndEncode(ILogger logger, string flow, IReadOnlyList<DeadLetterRecord> deadLetters)
    {
        var envelopes = new string[deadLetters.Count];
        for (var i = 0; i < envelopes.Length; i++)
        {
            var deadLetter = deadLetters[i];
            TriggerLog.DeadLettered(logger, flow, deadLetter.OriginalId.ToString(), deadLetter.Failure.StageName, deadLetter.Failure.Detail);
            envelopes[i] = DeadLetterCodec.ToEnvelopeJson(deadLetter);
        }

        return envelopes;
    }
}
