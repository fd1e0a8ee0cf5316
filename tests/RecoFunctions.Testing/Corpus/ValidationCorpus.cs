using System.Text.Json;

namespace RecoFunctions.Testing.Corpus;

/// <summary>
/// Reads the validation corpus copied next to the test assembly (<c>Corpus/</c>):
/// <c>{flow}/{name}.jsonl</c> holds one message per line and <c>{flow}/{name}.expected.jsonl</c> the expectation for the
/// same line; <c>hostile/</c> holds one file per message with <c>hostile/expected.jsonl</c> naming the file.
/// </summary>
public static class ValidationCorpus
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Corpus");

    /// <summary>The key a corpus message carries unless its expectation names another.</summary>
    public static string DefaultKey(string flow) => flow switch
    {
        "content" => "art-1029",
        "campaign" => "cmp-77",
        "interactions" => "u-5521873",
        _ => throw new ArgumentOutOfRangeException(nameof(flow), flow, "Unknown corpus flow."),
    };

    public static string PathOf(string flow, string name) => Path.Combine(Root, flow, name + ".jsonl");

    public static IReadOnlyList<CorpusCase> Lines(string flow, string name)
    {
        var values = SplitLines(File.ReadAllBytes(PathOf(flow, name)));
        var expectations = File.ReadAllLines(Path.Combine(Root, flow, name + ".expected.jsonl"));
        if (values.Count != expectations.Length)
        {
            throw new InvalidDataException($"{flow}/{name}: {values.Count} messages but {expectations.Length} expectations.");
        }

        var cases = new List<CorpusCase>();
        for (var index = 0; index < values.Count; index++)
        {
            using var expectation = JsonDocument.Parse(expectations[index]);
            var root = expectation.RootElement;
            var line = root.GetProperty("line").GetInt32();
            if (line != index + 1)
            {
                throw new InvalidDataException($"{flow}/{name}.expected.jsonl: line {index + 1} says it describes line {line}.");
            }

            var key = root.TryGetProperty("key", out var keyElement) ? keyElement.GetString() : DefaultKey(flow);
            cases.Add(new CorpusCase(flow, name, root.GetProperty("case").GetString()!, line, values[index], key, ReadViolations(root)));
        }

        return cases;
    }

    /// <summary>The hostile files that apply to <paramref name="flow"/> (some are valid messages of one flow only).</summary>
    public static IReadOnlyList<CorpusCase> Hostile(string flow)
    {
        var cases = new List<CorpusCase>();
        var lines = File.ReadAllLines(Path.Combine(Root, "hostile", "expected.jsonl"));
        for (var index = 0; index < lines.Length; index++)
        {
            using var expectation = JsonDocument.Parse(lines[index]);
            var root = expectation.RootElement;
            if (root.TryGetProperty("flow", out var only) && only.GetString() != flow)
            {
                continue;
            }

            var file = root.GetProperty("file").GetString()!;
            var value = File.ReadAllBytes(Path.Combine(Root, "hostile", file));
            cases.Add(new CorpusCase(flow, "hostile", file, index + 1, value, DefaultKey(flow), ReadViolations(root)));
        }

        return cases;
    }

    /// <summary>Splits on LF only, keeping empty lines; a final LF does not start another line.</summary>
    public static IReadOnlyList<byte[]> SplitLines(ReadOnlySpan<byte> bytes)
    {
        var lines = new List<byte[]>();
        while (!bytes.IsEmpty)
        {
            var end = bytes.IndexOf((byte)'\n');
            if (end < 0)
            {
                lines.Add(bytes.ToArray());
                break;
            }

            lines.Add(bytes[..end].ToArray());
            bytes = bytes[(end + 1)..];
        }

        return lines;
    }

    private static string[] ReadViolations(JsonElement root) =>
        [.. root.GetProperty("violations").EnumerateArray().Select(item => item.GetString()!)];
}
