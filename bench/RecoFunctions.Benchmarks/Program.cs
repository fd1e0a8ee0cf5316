using RecoFunctions.Benchmarks;

// Usage: RecoFunctions.Benchmarks <suite> [--quick] [BenchmarkDotNet arguments]
return args.FirstOrDefault() switch
{
    "resilience" => ResilienceBenchmarks.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: RecoFunctions.Benchmarks <suite> [--quick] [BenchmarkDotNet arguments]");
    Console.Error.WriteLine("suites: resilience");
    return 2;
}
