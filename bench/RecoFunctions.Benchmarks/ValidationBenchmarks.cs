using BenchmarkDotNet.Attributes;

namespace RecoFunctions.Benchmarks;

/// <summary>Parse + validate + map of the shipped samples, per flow; the reported time is per message.</summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private SampleWorkload _workload = null!;

    [Params("content", "campaign", "interactions")]
    public string Flow { get; set; } = "content";

    [GlobalSetup]
    public void Setup() => _workload = SampleWorkload.Load(Flow);

    // Every invocation runs the whole sample file; OperationsPerInvoke turns that into a per-message figure.
    [Benchmark(OperationsPerInvoke = 30)]
    public int Accept()
    {
        var valid = 0;
        var messages = _workload.Messages;
        for (var i = 0; i < 30; i++)
        {
            if (_workload.Intake.Accept(messages[i % messages.Length]).IsValid)
            {
                valid++;
            }
        }

        return valid;
    }
}
