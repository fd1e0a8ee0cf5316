using System.Text;
using System.Text.Json.Nodes;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Intake;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Tests.Support;
using RecoFunctions.Testing.Corpus;

namespace RecoFunctions.Core.Tests.Intake;

/// <summary>
/// Property: whatever the bytes, intake returns a coherent verdict and never throws. Seeded, so a failure reproduces;
/// the seed and input are in the failure message.
/// </summary>
public sealed class MessageIntakeFuzzTests
{
    private static readonly Lazy<MessageIntake> Intake = new(() => TestPipeline.Intake(TestPipeline.WithInteractions()));
    private static readonly string[] Flows = ["content", "campaign", "interactions"];
    private static readonly string[] Topics = ["oicms.content.v1", "cm.events.v1", "ua.interactions.v1"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Accept_RandomBytes_NeverThrows(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 3000; i++)
        {
            var value = new byte[random.Next(0, 600)];
            random.NextBytes(value);
            AssertCoherent(seed, Topics[i % Topics.Length], value);
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Accept_MutatedValidSamples_NeverThrows(int seed)
    {
        var random = new Random(seed);
        for (var flow = 0; flow < Flows.Length; flow++)
        {
            var samples = Samples(Flows[flow]);
            for (var i = 0; i < 2500; i++)
            {
                var value = Mutate(random, samples[random.Next(samples.Count)], samples[random.Next(samples.Count)]);
                AssertCoherent(seed, Topics[flow], value);
            }
        }
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public void Accept_ValidSamplesWithValuesOfRandomKinds_NeverThrows(int seed)
    {
        // Byte noise mostly dies in the parser; swapping whole values reaches the validator and the mapper.
        var random = new Random(seed);
        for (var flow = 0; flow < Flows.Length; flow++)
        {
            var samples = Samples(Flows[flow]);
            for (var i = 0; i < 1500; i++)
            {
                var node = JsonNode.Parse(samples[random.Next(samples.Count)])!;
                for (var swaps = random.Next(1, 4); swaps > 0; swaps--)
                {
                    ReplaceRandomValue(random, node);
                }

                AssertCoherent(seed, Topics[flow], Encoding.UTF8.GetBytes(node.ToJsonString()));
            }
        }
    }

    private static void AssertCoherent(int seed, string topic, byte[] value)
    {
        IntakeResult result;
        try
        {
            result = Intake.Value.Accept(new KafkaMessage(topic, 0, 0, "art-1029", [], DateTimeOffset.UnixEpoch, value));
        }
        catch (Exception exception)
        {
            Assert.Fail($"seed {seed}: {exception.GetType().Name} for {Convert.ToBase64String(value)}: {exception}");
            return;
        }

        Assert.True(result.IsValid == (result.Violations.Count == 0), $"seed {seed}: incoherent verdict for {Convert.ToBase64String(value)}");
        Assert.Contains(result.Stage, new[] { PipelineStage.Parse, PipelineStage.Validate });
        Assert.All(result.Violations, violation => Assert.StartsWith("$", violation.Path, StringComparison.Ordinal));
    }

    private static byte[] Mutate(Random random, byte[] sample, byte[] other)
    {
        var bytes = new List<byte>(sample);
        for (var edits = random.Next(1, 6); edits > 0 && bytes.Count > 0; edits--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 2:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 3:
                    bytes.RemoveAt(at);
                    break;
                case 4:
                    bytes.InsertRange(at, "{[\"\\u\\ud800:,]}"u8.ToArray().AsSpan(random.Next(14)).ToArray());
                    break;
                default:
                    bytes.InsertRange(at, other.AsSpan(random.Next(other.Length)).ToArray());
                    break;
            }
        }

        return [.. bytes];
    }

    private static void ReplaceRandomValue(Random random, JsonNode root)
    {
        var containers = new List<JsonNode>();
        Collect(root, containers);
        var container = containers[random.Next(containers.Count)];
        var replacement = RandomValue(random);
        if (container is JsonObject obj && obj.Count > 0)
        {
            var name = obj.ElementAt(random.Next(obj.Count)).Key;
            obj[name] = replacement;
        }
        else if (container is JsonArray array && array.Count > 0)
        {
            array[random.Next(array.Count)] = replacement;
        }
    }

    private static void Collect(JsonNode node, List<JsonNode> containers)
    {
        if (node is JsonObject obj)
        {
            containers.Add(obj);
            foreach (var (_, child) in obj)
            {
                if (child is not null)
                {
                    Collect(child, containers);
                }
            }
        }
        else if (node is JsonArray array)
        {
            containers.Add(array);
            foreach (var child in array)
            {
                if (child is not null)
                {
                    Collect(child, containers);
                }
            }
        }
    }

    private static JsonNode? RandomValue(Random random) => random.Next(12) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.NextInt64(long.MinValue, long.MaxValue)),
        3 => JsonValue.Create(random.NextDouble() * 1e300),
        4 => JsonValue.Create(new string('x', random.Next(0, 3000))),
        5 => JsonValue.Create("2026-11-21T10:00:00" + (random.Next(2) == 0 ? "Z" : string.Empty)),
        6 => JsonValue.Create("\ud800"),
        7 => new JsonArray(JsonValue.Create(1), null, JsonValue.Create("a")),
        8 => new JsonObject { ["x"] = new JsonArray(new JsonArray(new JsonArray())) },
        9 => JsonValue.Create("https://cms.example/" + random.Next()),
        10 => JsonNode.Parse("12345678901234567890123456789")!,
        _ => JsonValue.Create(string.Empty),
    };

    private static IReadOnlyList<byte[]> Samples(string flow) =>
        [.. ValidationCorpus.SplitLines(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "samples", $"{flow}.valid.jsonl")))
            .Concat(ValidationCorpus.SplitLines(File.ReadAllBytes(ValidationCorpus.PathOf(flow, "valid"))))];
}
