using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Tests.Support;
using RecoFunctions.Testing.Corpus;

namespace RecoFunctions.Core.Tests.DeadLetters;

/// <summary>
/// Property: whatever an interactions dead letter holds, redaction never throws, and what it lets through is either
/// nothing (withheld) or JSON in which no user id of the samples is left. Seeded; the input is in the failure message.
/// </summary>
public sealed partial class DeadLetterRedactorFuzzTests
{
    private const string Topic = "ua.interactions.v1";
    private static readonly DeadLetterRedactor Redactor = new([Topic], TestPipeline.Pseudonymiser());
    private static readonly DeadLetterFailure Failure = new(DeadLetterStage.Validate, "validate: x");

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    public void Redact_MutatedSamples_WithheldOrFreeOfUserIds(int seed)
    {
        var random = new Random(seed);
        var samples = ValidationCorpus.SplitLines(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "samples", "interactions.valid.jsonl")));
        var outcomes = new Dictionary<DeadLetterRedaction, int>();
        for (var i = 0; i < 3000; i++)
        {
            var value = Mutate(random, samples[random.Next(samples.Count)]);
            DeadLetterRecord redacted;
            try
            {
                redacted = Redactor.Redact(DeadLetterRecord.From(new KafkaMessage(Topic, 0, i, "u-5521873", [], default, value), Failure, default));
            }
            catch (Exception exception)
            {
                Assert.Fail($"seed {seed}: {exception.GetType().Name} for {Convert.ToBase64String(value)}: {exception}");
                return;
            }

            AssertSafe(seed, value, redacted);
            outcomes[redacted.Redaction] = outcomes.GetValueOrDefault(redacted.Redaction) + 1;
        }

        // Both ways out were taken many times, so the property was checked on each.
        Assert.True(outcomes.GetValueOrDefault(DeadLetterRedaction.Withheld) > 300, $"withheld {outcomes.GetValueOrDefault(DeadLetterRedaction.Withheld)}");
        Assert.True(outcomes.GetValueOrDefault(DeadLetterRedaction.Pseudonymised) > 300, $"pseudonymised {outcomes.GetValueOrDefault(DeadLetterRedaction.Pseudonymised)}");
    }

    private static void AssertSafe(int seed, byte[] value, DeadLetterRecord redacted)
    {
        var context = $"seed {seed}, input {Convert.ToBase64String(value)}";
        Assert.True(redacted.Key == TestPipeline.Pseudonymiser().Pseudonymise("u-5521873"), context);
        if (redacted.Redaction == DeadLetterRedaction.Withheld)
        {
            Assert.True(redacted.Value.IsEmpty && redacted.ValueOmitted, context);
            return;
        }

        Assert.Equal(DeadLetterRedaction.Pseudonymised, redacted.Redaction);
        if (value.Length == 0)
        {
            // Cut to nothing: there is nothing to redact.
            Assert.True(redacted.Value.IsEmpty, context);
            return;
        }

        using var document = JsonDocument.Parse(redacted.Value);
        var text = Encoding.UTF8.GetString(redacted.Value.Span);
        Assert.False(UserId().IsMatch(text), $"{context}: a user id is left in {text}");
    }

    /// <summary>Bit flips, cuts and insertions that keep a good share of the values readable, so both outcomes are exercised.</summary>
    private static byte[] Mutate(Random random, byte[] sample)
    {
        var bytes = new List<byte>(sample);
        for (var edits = random.Next(0, 3); edits > 0 && bytes.Count > 0; edits--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 2:
                    bytes.InsertRange(at, "\"userId\":\"u-7730019\","u8.ToArray());
                    break;
                case 3:
                    bytes.InsertRange(at, "{\"UserID\":[\"u-0048211\",{\"userId\":\"u-3316402\"}]},"u8.ToArray());
                    break;
                default:
                    bytes.RemoveAt(at);
                    break;
            }
        }

        return [.. bytes];
    }

    // The samples' ids (u- and seven digits); a pseudonym is 32 hex digits and cannot match.
    [GeneratedRegex(@"u-\d{7}")]
    private static partial Regex UserId();
}
