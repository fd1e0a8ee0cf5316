using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.CircuitState;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Intake;
using RecoFunctions.Core.Processing;
using RecoFunctions.Core.Resilience;

namespace RecoFunctions.Benchmarks;

/// <summary>
/// Cost of processing content events through <see cref="IBatchProcessor"/>: the content API enrichment and the
/// recommender delivery, each through its HTTP client and resilience pipeline (shipped configuration), against an
/// in-memory handler answering from canned JSON. No network, no Kafka: the pipeline's own CPU and allocations.
/// </summary>
[MemoryDiagnoser]
public class ProcessingBenchmarks : IDisposable
{
    private ServiceProvider? _services;
    private CannedServicesHandler? _handler;
    private IBatchProcessor? _processor;
    private BatchStepRequest? _request;

    /// <summary>Events per batch: one, or all shipped content samples.</summary>
    [Params(1, 29)]
    public int Items { get; set; } = 1;

    public static int Run(string[] args)
    {
        if (args.Contains("--quick"))
        {
            return RunQuick(Console.Out);
        }

        // In process, as the validation suite: a generated project would inherit the repository's build settings.
        BenchmarkRunner.Run<ProcessingBenchmarks>(args: [.. args, "--inProcess"]);
        return 0;
    }

    [GlobalSetup]
    public void Setup()
    {
        using var config = Assembly.GetExecutingAssembly().GetManifestResourceStream("config/appsettings.json")
            ?? throw new FileNotFoundException("Embedded resource config/appsettings.json is missing.");
        var configuration = new ConfigurationBuilder()
            .AddJsonStream(config)
            .AddInMemoryCollection(ServiceNames.All.Select(service => new KeyValuePair<string, string?>($"Services:{service}:BaseUrl", "http://services.test/")))
            .Build();
        _handler = new CannedServicesHandler();
        var handler = _handler;
        var services = new ServiceCollection();
        services.AddRecoPipeline(configuration);
        services.AddRecoResilience(configuration);
        services.AddRecoServices(configuration);
        services.ConfigureAll<HttpClientFactoryOptions>(options =>
            options.HttpMessageHandlerBuilderActions.Add(builder => builder.PrimaryHandler = handler));
        _services = services.BuildServiceProvider();
        _services.GetRequiredService<IStartupValidator>().Validate();
        _processor = _services.GetRequiredService<IBatchProcessor>();

        var workload = SampleWorkload.Load("content");
        var items = workload.Messages.Take(Items)
            .Select(message => workload.Intake.Accept(message))
            .Select(result => new WorkItem(result.Id, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, result.Event!))
            .ToList();
        _request = new BatchStepRequest("content", items, Attempt: 1);
        EnsureDelivered(ProcessBatch().GetAwaiter().GetResult());
    }

    [Benchmark]
    public Task<BatchStepResult> ProcessBatch() => _processor!.ProcessAsync(_request!, CancellationToken.None);

    [GlobalCleanup]
    public void Dispose()
    {
        _services?.Dispose();
        _handler?.Dispose();
        GC.SuppressFinalize(this);
    }

    private void EnsureDelivered(BatchStepResult result)
    {
        if (result.Outcomes.Count != Items || result.Outcomes.Any(outcome => outcome.Kind != OutcomeKind.Delivered))
        {
            throw new InvalidOperationException($"Expected {Items} delivered outcomes, got: {string.Join(", ", result.Outcomes.Select(outcome => outcome.Kind))}");
        }
    }

    private static int RunQuick(TextWriter output)
    {
        output.WriteLine("content event: content-api enrichment + recommender delivery through their resilience pipelines, in-memory handler, one caller");
        foreach (var items in new[] { 1, 29 })
        {
            using var benchmarks = new ProcessingBenchmarks { Items = items };
            benchmarks.Setup();
            var (nanoseconds, bytes) = Measure(benchmarks, TimeSpan.FromSeconds(3));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"batch of {items,2}: {nanoseconds,12:N0} ns/op {bytes,10:N0} B/op   per event: {nanoseconds / items,10:N0} ns {bytes / items,8:N0} B   ({benchmarks._handler!.Calls:N0} handler calls)"));
        }

        return 0;
    }

    /// <summary>Best of five rounds of <paramref name="duration"/>/5 each; allocations counted on all threads, as continuations may hop.</summary>
    private static (double NanosecondsPerOp, double BytesPerOp) Measure(ProcessingBenchmarks benchmarks, TimeSpan duration)
    {
        var round = duration / 5;
        var best = (NanosecondsPerOp: double.MaxValue, BytesPerOp: 0.0);
        RunFor(benchmarks, round);
        for (var i = 0; i < 5; i++)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            var operations = RunFor(benchmarks, round);
            var nanoseconds = watch.Elapsed.TotalNanoseconds / operations;
            if (nanoseconds < best.NanosecondsPerOp)
            {
                best = (nanoseconds, (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)operations);
            }
        }

        return best;
    }

    private static long RunFor(ProcessingBenchmarks benchmarks, TimeSpan duration)
    {
        var watch = Stopwatch.StartNew();
        long operations = 0;
        while (watch.Elapsed < duration)
        {
            benchmarks.ProcessBatch().GetAwaiter().GetResult();
            operations++;
        }

        return operations;
    }
}
