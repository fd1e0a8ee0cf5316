using System.Globalization;
using RecoFunctions.Functions.Benchmarks;

// Usage: RecoFunctions.Functions.Benchmarks [--batches N] [--size N] [--replays N]
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: RecoFunctions.Functions.Benchmarks [--batches N (20)] [--size N (100)] [--replays N (200)]");
    return 2;
}

Console.WriteLine(Machine.Describe());
await DurableCostBench.RunAsync(options, Console.Out);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average after: {Machine.LoadAverage()}"));
return 0;
