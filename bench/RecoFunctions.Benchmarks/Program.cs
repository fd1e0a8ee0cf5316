using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using RecoFunctions.Benchmarks;

// Usage: validation [--quick] [BenchmarkDotNet arguments]
if (args.Length == 0 || args[0] != "validation")
{
    Console.Error.WriteLine("usage: RecoFunctions.Benchmarks validation [--quick] [BenchmarkDotNet options]");
    return 2;
}

if (args.Contains("--quick"))
{
    return QuickValidationRun.Run(TimeSpan.FromSeconds(3), Console.Out);
}

// In-process: the repository's build settings (warnings as errors, analyzers) would also apply to a generated project.
var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
BenchmarkRunner.Run<ValidationBenchmarks>(config, args[1..]);
return 0;
