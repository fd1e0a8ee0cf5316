using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.CircuitState;
using RecoFunctions.Core.Intake;
using RecoFunctions.Core.Processing;
using RecoFunctions.Core.Windowing;
using RecoFunctions.Sandbox;

namespace RecoFunctions.Benchmarks;

/// <summary>
/// How long a burst of closed windows takes from <see cref="IClosedWindowPublisher.PublishAsync"/> to the recommender:
/// all windows closing at one watermark step (a 5-minute boundary closes every active user's windows at once), looked up
/// in the content API, built into features and delivered, against the sandbox on loopback in this process, through the
/// shipped configuration (batch sizes, concurrency, resilience). Cold: a new catalog that looks up every content; warm:
/// the next burst's users with the catalog already holding the contents.
/// </summary>
internal static class FeaturePublishRun
{
    private const int Contents = 2_000;
    private const int ContentsPerWindow = 4;
    private static readonly string[] WindowNames = ["5m", "1h", "1d"];
    private static readonly DateTimeOffset End = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(TextWriter output)
    {
        output.WriteLine(MachineLine());
        output.WriteLine("closed windows → content lookup (batched, cached) → features → POST /features/batch, sandbox on loopback in process");
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions(), CancellationToken.None);
        foreach (var burst in new[] { 1_000, 10_000, 30_000 })
        {
            for (var round = 1; round <= 3; round++)
            {
                sandbox.Features.Reset();
                await using var services = CreateServices(sandbox);
                var publisher = services.GetRequiredService<IClosedWindowPublisher>();
                var cold = await TimeAsync(publisher, Burst(burst, userOffset: 0));
                var warm = await TimeAsync(publisher, Burst(burst, userOffset: burst));
                if (sandbox.Features.Counts.Held != 2 * burst || sandbox.Features.Counts.Overwritten != 0)
                {
                    throw new InvalidOperationException($"Expected {2 * burst} features held, none overwritten: {sandbox.Features.Counts}");
                }

                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"burst {burst,6:N0} windows, round {round}: cold catalog {cold.TotalMilliseconds,8:N1} ms ({burst / cold.TotalSeconds,9:N0} windows/s)   warm {warm.TotalMilliseconds,8:N1} ms ({burst / warm.TotalSeconds,9:N0} windows/s)"));
            }
        }

        return 0;
    }

    private static async Task<TimeSpan> TimeAsync(IClosedWindowPublisher publisher, IReadOnlyList<ClosedWindow> windows)
    {
        var watch = Stopwatch.StartNew();
        await publisher.PublishAsync(windows, CancellationToken.None);
        return watch.Elapsed;
    }

    /// <summary>Three windows per user (5m, 1h, 1d), four contents each from a pool, one to three events per content; deterministic.</summary>
    private static ClosedWindow[] Burst(int windows, int userOffset)
    {
        var random = new Random(windows + userOffset);
        var burst = new ClosedWindow[windows];
        for (var i = 0; i < windows; i++)
        {
            var name = WindowNames[i % WindowNames.Length];
            var contents = new Dictionary<string, int>(StringComparer.Ordinal);
            while (contents.Count < ContentsPerWindow)
            {
                contents[$"art-{random.Next(Contents)}"] = random.Next(1, 4);
            }

            var events = contents.Values.Sum();
            var size = name switch { "5m" => TimeSpan.FromMinutes(5), "1h" => TimeSpan.FromHours(1), _ => TimeSpan.FromDays(1) };
            burst[i] = new ClosedWindow(
                $"user-{userOffset + i / WindowNames.Length:D7}",
                name,
                End - size,
                End,
                events,
                new Dictionary<string, int> { ["view"] = events - 1, ["click"] = 1 },
                contents,
                events * 1_500L);
        }

        return burst;
    }

    private static ServiceProvider CreateServices(SandboxHost sandbox)
    {
        using var config = Assembly.GetExecutingAssembly().GetManifestResourceStream("config/appsettings.json")
            ?? throw new FileNotFoundException("Embedded resource config/appsettings.json is missing.");
        var configuration = new ConfigurationBuilder().AddJsonStream(config).AddInMemoryCollection(sandbox.ServiceConfiguration()).Build();
        var services = new ServiceCollection();
        services.AddRecoPipeline(configuration);
        services.AddRecoResilience(configuration);
        services.AddRecoServices(configuration);
        services.AddWindowFeatures(configuration);
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider;
    }

    private static string MachineLine()
    {
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
        return string.Create(CultureInfo.InvariantCulture,
            $"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, load average {load}");
    }
}
