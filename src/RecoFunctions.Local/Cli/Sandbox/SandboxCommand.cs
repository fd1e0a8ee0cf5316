using System.CommandLine;
using System.Globalization;
using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Sandbox;

namespace RecoFunctions.Local.Cli.Sandbox;

/// <summary>
/// <c>reco sandbox</c>: the content, placement and recommender services in their own process, until Ctrl+C or SIGTERM;
/// <c>reco sandbox knobs</c> and <c>reco sandbox stats</c> talk to a running one.
/// </summary>
internal static class SandboxCommand
{
    /// <summary>The port the shipped configuration's <c>Services:*:BaseUrl</c> point at.</summary>
    public const int DefaultPort = 5080;

    public const string DefaultUrl = "http://127.0.0.1:5080";

    private const string Name = "sandbox";

    public static Command Create(RecoConsole console)
    {
        var port = new Option<int>("--port", "-p")
        {
            Description = $"TCP port of all services; 0 picks a free one. {DefaultPort} is where the shipped configuration's Services:*:BaseUrl point.",
            HelpName = "PORT",
            DefaultValueFactory = _ => DefaultPort,
        };
        var host = new Option<string>("--host")
        {
            Description = "IP address to listen on.",
            HelpName = "IP",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var latency = Durations.Option("--latency", "Latency added to every call of every service, e.g. 5ms.");
        var jitter = Durations.Option("--jitter", "Random extra latency per call, uniformly from zero to this.");
        var errorRate = new Option<double>("--error-rate")
        {
            Description = "Fraction (0 to 1) of calls answered with --error-status, on every service.",
            HelpName = "RATE",
        };
        var errorStatus = new Option<int>("--error-status")
        {
            Description = "Status of the random errors (4xx or 5xx).",
            HelpName = "STATUS",
            DefaultValueFactory = _ => 503,
        };
        var retryAfter = Durations.Option("--retry-after", "Retry-After sent with every 429 and 503 (whole seconds, rounded up).");
        var seed = new Option<int>("--seed")
        {
            Description = "Seed of the random error and jitter draws.",
            HelpName = "SEED",
            DefaultValueFactory = _ => new SandboxOptions().Seed,
        };
        var addressFile = new Option<FileInfo?>("--address-file")
        {
            Description = "Also write the address to this file once the services listen (for scripts).",
            HelpName = "FILE",
        };

        var command = new Command(Name,
            "Run the sandbox services (content API, placement API, recommender query, delivery and feature APIs) on one loopback port until Ctrl+C or SIGTERM. " +
            "Prints 'sandbox: http://127.0.0.1:PORT' on standard output once listening. The recommender records every delivery: " +
            "GET /_sandbox/stats, /_sandbox/received, /_sandbox/deliveries?key=K, /_sandbox/features (windowed features, sorted, with a digest); knobs change at runtime through POST /_sandbox/knobs or 'reco sandbox knobs'. " +
            "Ids starting missing- do not exist (404), placements starting unknown- are unknown, keys starting rejected- are rejected by the recommender. " +
            "Exit code: 0 stopped by a signal, 2 bad arguments or the port is taken.")
        {
            port, host, latency, jitter, errorRate, errorStatus, retryAfter, seed, addressFile,
        };
        command.Subcommands.Add(SandboxKnobsCommand.Create(console));
        command.Subcommands.Add(SandboxStatsCommand.Create(console));
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new SandboxOptions
            {
                Host = parse.GetRequiredValue(host),
                Port = parse.GetValue(port),
                Seed = parse.GetValue(seed),
                Latency = parse.GetValue(latency) ?? TimeSpan.Zero,
                LatencyJitter = parse.GetValue(jitter) ?? TimeSpan.Zero,
            };
            var knobs = new StartupKnobs(parse.GetValue(errorRate), parse.GetValue(errorStatus), parse.GetValue(retryAfter));
            return await RunAsync(console, options, knobs, parse.GetValue(addressFile), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(RecoConsole console, SandboxOptions options, StartupKnobs knobs, FileInfo? addressFile, CancellationToken cancellationToken)
    {
        SandboxHost host;
        try
        {
            host = await SandboxHost.StartAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ArgumentException or IOException or InvalidOperationException)
        {
            return await CommandFailure.ReportAsync(console, Name, [$"cannot listen on {options.Host}:{options.Port}: {exception.Message}"]).ConfigureAwait(false);
        }

        await using (host.ConfigureAwait(false))
        {
            try
            {
                knobs.ApplyTo(host);
            }
            catch (ArgumentException exception)
            {
                return await CommandFailure.ReportAsync(console, Name, [exception.Message]).ConfigureAwait(false);
            }

            var address = host.BaseUrl.ToString().TrimEnd('/');
            await console.Output.WriteLineAsync($"sandbox: {address}").ConfigureAwait(false);
            await console.Output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            if (addressFile is not null)
            {
                await WriteAddressAsync(addressFile, address).ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync(
                $"reco sandbox: content-api, placement-api, recommender-api and recommender-delivery listen at {address}; stats at {address}/_sandbox/stats. SIGTERM or Ctrl+C stops.")
                .ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // SIGINT or SIGTERM: the normal way to stop.
            }

            var counts = host.Recorder.Counts;
            await console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"reco sandbox: stopped; recommender received {counts.Received}, applied {counts.Applied}, stale {counts.Stale}, rejected {counts.Rejected}, duplicates applied {counts.DuplicatesApplied}"))
                .ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    private static async Task WriteAddressAsync(FileInfo file, string address)
    {
        // Written whole and then moved, so a script polling for the file never reads half an address.
        var temporary = file.FullName + ".tmp";
        await File.WriteAllTextAsync(temporary, address + "\n").ConfigureAwait(false);
        File.Move(temporary, file.FullName, overwrite: true);
    }

    private sealed record StartupKnobs(double ErrorRate, int ErrorStatus, TimeSpan? RetryAfter)
    {
        public void ApplyTo(SandboxHost host)
        {
            foreach (var knobs in host.Knobs.All)
            {
                knobs.ErrorStatusCode = ErrorStatus;
                knobs.ErrorRate = ErrorRate;
                knobs.RetryAfter = RetryAfter;
            }
        }
    }
}
