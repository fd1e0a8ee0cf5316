using BenchmarkDotNet.Running;
using RecoFunctions.Benchmarks;

// Usage: RecoFunctions.Benchmarks <suite> [--quick] [BenchmarkDotNet options, e.g. --job short]
return args.FirstOrDefault() switch
{
    "resilience" => ResilienceBenchmarks.Run(args[1..]),
    "validation" => RunValidation(args[1..]),
    "processing" => ProcessingBenchmarks.Run(args[1..]),
    "windowing" => await QuickWindowingRun.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000, Console.Out),
    "features" => await FeaturePublishRun.RunAsync(Console.Out),
    _ => Usage(),
};

static int RunValidation(string[] args)
{
    if (args.Contains("--quick"))
    {
        return QuickValidationRun.Run(TimeSpan.FromSeconds(3), Console.Out);
    }

    // In process: a generated benchmark project would inherit the repository's build settings (warnings as errors, analyzers).
    BenchmarkRunner.Run<ValidationBenchmarks>(args: [.. args, "--inProcess"]);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: RecoFunctions.Benchmarks <suite> [--quick] [BenchmarkDotNet options]");
    Console.Error.WriteLine("suites: processing, resilience, validation, windowing [events], features (a quick run only)");
    return 2;
}
