using BenchmarkDotNet.Running;
using RecoFunctions.Benchmarks;

// Usage: validation [--quick] [BenchmarkDotNet options, e.g. --job short]
if (args.Length == 0 || args[0] != "validation")
{
    Console.Error.WriteLine("usage: RecoFunctions.Benchmarks validation [--quick] [BenchmarkDotNet options]");
    return 2;
}

if (args.Contains("--quick"))
{
    return QuickValidationRun.Run(TimeSpan.FromSeconds(3), Console.Out);
}

// In process: a generated benchmark project would inherit the repository's build settings (warnings as errors, analyzers).
BenchmarkRunner.Run<ValidationBenchmarks>(args: [.. args[1..], "--inProcess"]);
return 0;
