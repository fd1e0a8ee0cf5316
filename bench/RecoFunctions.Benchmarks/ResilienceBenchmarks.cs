using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using RecoFunctions.Core.CircuitState;
using RecoFunctions.Core.Resilience;

namespace RecoFunctions.Benchmarks;

/// <summary>
/// Cost of sending one request through a service's resilience pipeline (total timeout, retry, breaker, attempt timeout,
/// production settings) compared with calling the same in-memory handler directly.
/// </summary>
[MemoryDiagnoser]
public class ResilienceBenchmarks : IDisposable
{
    private ServiceProvider? _services;
    private InMemoryHandler? _handler;
    private HttpMessageInvoker? _invoker;
    private HttpRequestMessage? _request;
    private ResiliencePipeline<HttpResponseMessage>? _pipeline;

    public static int Run(string[] args)
    {
        if (args.Contains("--quick"))
        {
            return RunQuickAsync().GetAwaiter().GetResult();
        }

        BenchmarkRunner.Run<ResilienceBenchmarks>(args: args);
        return 0;
    }

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddRecoResilience(new ConfigurationBuilder().Build());
        _services = services.BuildServiceProvider();
        _pipeline = _services.GetRequiredService<IServicePipelineProvider>().GetPipeline(ServiceNames.ContentApi);
        _handler = new InMemoryHandler();
        _invoker = new HttpMessageInvoker(_handler, disposeHandler: false);
        _request = new HttpRequestMessage(HttpMethod.Get, "http://content.test/contents/art-1");
    }

    [Benchmark(Baseline = true)]
    public Task<HttpResponseMessage> BareHandler() => _invoker!.SendAsync(_request!, CancellationToken.None);

    [Benchmark]
    public ValueTask<HttpResponseMessage> ThroughPipeline() =>
        _pipeline!.ExecuteAsync(
            static (state, token) => new ValueTask<HttpResponseMessage>(state.Invoker.SendAsync(state.Request, token)),
            (Invoker: _invoker!, Request: _request!),
            CancellationToken.None);

    [GlobalCleanup]
    public void Dispose()
    {
        _request?.Dispose();
        _invoker?.Dispose();
        _handler?.Dispose();
        _services?.Dispose();
        GC.SuppressFinalize(this);
    }

    private static async Task<int> RunQuickAsync()
    {
        const int Iterations = 500_000;
        using var benchmarks = new ResilienceBenchmarks();
        benchmarks.Setup();

        var bare = await QuickMeasure.RunAsync(async () => await benchmarks.BareHandler(), Iterations);
        var piped = await QuickMeasure.RunAsync(async () => await benchmarks.ThroughPipeline(), Iterations);

        Console.WriteLine(QuickMeasure.Format("bare handler", bare));
        Console.WriteLine(QuickMeasure.Format("through content-api pipeline", piped));
        Console.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "pipeline overhead: {0:F1} ns/op, {1:F1} B/op",
            piped.NanosecondsPerOp - bare.NanosecondsPerOp,
            piped.BytesPerOp - bare.BytesPerOp));
        return 0;
    }
}
