using System.Text;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Parsing;

namespace RecoFunctions.Local.Workload;

/// <summary>Builds the hostile values and says which rule, at which stage, the pipeline must dead-letter each with.</summary>
internal sealed class HostileValues(int maxPayloadBytes, int maxJsonDepth, int oversizedBytes)
{
    private static readonly HostileKind[] Kinds = Enum.GetValues<HostileKind>();

    private readonly int _oversizedBytes = Math.Max(oversizedBytes, maxPayloadBytes + 1);

    /// <summary>The kinds a flow can receive: without a <c>matchesKey</c> rule, a missing key is no fault.</summary>
    public static HostileKind[] KindsFor(bool keyRequired) => keyRequired ? Kinds : [.. Kinds.Where(kind => kind != HostileKind.MissingKey)];

    public static (string Stage, string Rule) Expected(HostileKind kind) => kind switch
    {
        HostileKind.InvalidUtf8 => (PipelineStage.Parse, RuleNames.Encoding),
        HostileKind.Truncated or HostileKind.Binary or HostileKind.DuplicateProperty => (PipelineStage.Parse, RuleNames.Json),
        HostileKind.Oversized => (PipelineStage.Parse, RuleNames.PayloadTooLarge),
        HostileKind.DeeplyNested => (PipelineStage.Parse, RuleNames.Depth),
        HostileKind.Tombstone or HostileKind.Empty or HostileKind.Whitespace => (PipelineStage.Parse, RuleNames.Empty),
        HostileKind.NotAnObject => (PipelineStage.Parse, RuleNames.NotObject),
        HostileKind.MissingKey => (PipelineStage.Validate, RuleNames.Key),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <param name="kind">What to build.</param>
    /// <param name="complete">A complete valid event of the flow, the raw material of most kinds.</param>
    /// <param name="textProperty">The flow's free-text property.</param>
    /// <param name="random">Draws cut points and binary bytes.</param>
    public byte[]? Build(HostileKind kind, byte[] complete, string textProperty, WorkloadRandom random) => kind switch
    {
        HostileKind.InvalidUtf8 => MisEncoded(complete, textProperty),
        HostileKind.Truncated => complete[..random.Next(complete.Length / 4, complete.Length - 2)],
        HostileKind.Oversized => Oversized(complete),
        HostileKind.DeeplyNested => InsertFirst(complete, Nested(maxJsonDepth + 4)),
        HostileKind.Binary => Binary(random),
        HostileKind.Tombstone => null,
        HostileKind.Empty => [],
        HostileKind.Whitespace => " \r\n\t \n"u8.ToArray(),
        HostileKind.MissingKey => complete,
        HostileKind.NotAnObject => Encoding.UTF8.GetBytes($"[\"{textProperty}\",{random.Next(1, 1000)},true]"),
        HostileKind.DuplicateProperty => InsertFirst(complete, "\"eventId\":\"duplicate\","u8),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>"Café" in Latin-1 at the start of the text property: valid JSON, invalid UTF-8.</summary>
    private static byte[] MisEncoded(byte[] complete, string textProperty)
    {
        var marker = Encoding.UTF8.GetBytes($"\"{textProperty}\":\"");
        var at = complete.AsSpan().IndexOf(marker);
        byte[] latin1 = [(byte)'C', (byte)'a', (byte)'f', 0xE9, (byte)' '];
        if (at < 0)
        {
            return [.. complete, .. latin1];
        }

        var insertAt = at + marker.Length;
        return [.. complete.AsSpan(0, insertAt), .. latin1, .. complete.AsSpan(insertAt)];
    }

    /// <summary>The event with a huge body property: refused by size before anything reads it.</summary>
    private byte[] Oversized(byte[] complete)
    {
        var prefix = "\"body\":\""u8;
        var suffix = "\","u8;
        var fill = Math.Max(1, _oversizedBytes - complete.Length - prefix.Length - suffix.Length);
        var value = new byte[complete.Length + prefix.Length + fill + suffix.Length];
        value[0] = complete[0];
        var at = 1;
        prefix.CopyTo(value.AsSpan(at));
        at += prefix.Length;
        value.AsSpan(at, fill).Fill((byte)'x');
        at += fill;
        suffix.CopyTo(value.AsSpan(at));
        at += suffix.Length;
        complete.AsSpan(1).CopyTo(value.AsSpan(at));
        return value;
    }

    private static byte[] Nested(int depth)
    {
        var value = new byte["\"extra\":".Length + (2 * depth) + 1];
        "\"extra\":"u8.CopyTo(value);
        value.AsSpan("\"extra\":".Length, depth).Fill((byte)'[');
        value.AsSpan("\"extra\":".Length + depth, depth).Fill((byte)']');
        value[^1] = (byte)',';
        return value;
    }

    /// <summary>Inserts <paramref name="members"/> (ending with a comma) as the first members of the object.</summary>
    private static byte[] InsertFirst(byte[] complete, ReadOnlySpan<byte> members) =>
        [complete[0], .. members, .. complete.AsSpan(1)];

    /// <summary>Schema-registry framing (magic byte 0, schema id) and 7-bit bytes: valid UTF-8, never JSON.</summary>
    private static byte[] Binary(WorkloadRandom random)
    {
        var value = new byte[5 + random.Next(16, 256)];
        random.NextBytes(value.AsSpan(5));
        for (var i = 5; i < value.Length; i++)
        {
            value[i] &= 0x7F;
        }

        value[0] = 0;
        value[1] = 0;
        value[2] = 0;
        value[3] = 0;
        value[4] = (byte)random.Next(1, 127);
        return value;
    }
}
