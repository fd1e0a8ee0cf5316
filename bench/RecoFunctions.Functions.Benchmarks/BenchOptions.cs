using System.Globalization;

namespace RecoFunctions.Functions.Benchmarks;

/// <summary>How many healthy batches, of how many messages, and how many replays of each history to time.</summary>
internal sealed record BenchOptions(int Batches, int BatchSize, int Replays)
{
    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions(20, 100, 200);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                return null;
            }

            options = args[i] switch
            {
                "--batches" => options with { Batches = value },
                "--size" => options with { BatchSize = value },
                "--replays" => options with { Replays = value },
                _ => null,
            };
            if (options is null)
            {
                return null;
            }
        }

        return options;
    }
}
