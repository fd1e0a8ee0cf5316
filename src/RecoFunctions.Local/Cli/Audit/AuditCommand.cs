using System.CommandLine;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoFunctions.Local.Accounting;
using RecoFunctions.Local.Cli.Sandbox;
using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Runtime.Hosting;
using RecoFunctions.Runtime.Kafka;
using RecoFunctions.Local.Workload;

namespace RecoFunctions.Local.Cli.Audit;

/// <summary><c>reco audit</c>: checks what a produce run's messages became, against the sandbox recommender and the dead-letter topics.</summary>
internal static class AuditCommand
{
    private const string Name = "audit";

    public static Command Create(GlobalOptions global, RecoConsole console)
    {
        var manifest = new Option<FileInfo>("--manifest", "-m")
        {
            Description = "The manifest 'reco produce --manifest FILE' wrote.",
            HelpName = "FILE",
            Required = true,
        };
        var bootstrap = new Option<string?>("--bootstrap", "-b")
        {
            Description = "Kafka bootstrap servers holding the dead-letter topics. Default: Kafka:BootstrapServers.",
            HelpName = "ADDR",
        };
        var sandbox = SandboxControl.UrlOption("--sandbox", "-s");
        var wait = Durations.Option("--wait", "Audit again every second until it passes or this time is up (the pipeline may still be finishing).");
        var strict = new Option<bool>("--strict")
        {
            Description = "Also fail when an invalid or failing message was not dead-lettered, was dead-lettered at an unexpected stage, or a valid one was dead-lettered for any reason.",
        };
        var json = new Option<bool>("--json") { Description = "Print the audit as JSON instead of text." };

        var command = new Command(Name,
            "Audit a run: every valid (key, version) the manifest expects must have reached the sandbox recommender (applied or stale) or be in a dead-letter topic; " +
            "'lost' are those that did neither. Also counts duplicates applied (from the recommender), dead letters by stage and reason (read from the dead-letter topics " +
            "up to their end offsets), and dead letters of valid messages, which must not happen for a transient reason. " +
            "Exit code: 0 nothing lost, nothing applied twice, nothing dead-lettered for a transient reason; 1 otherwise; 2 bad arguments, unreadable manifest, Kafka or sandbox unreachable; 4 dead letters dropped by the broker before they were read.")
        {
            manifest, bootstrap, sandbox, wait, strict, json,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            console,
            parse,
            global,
            new Settings(parse.GetRequiredValue(manifest), parse.GetValue(bootstrap), parse.GetRequiredValue(sandbox), parse.GetValue(wait) ?? TimeSpan.Zero,
                parse.GetValue(strict), parse.GetValue(json)),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(RecoConsole console, ParseResult parse, GlobalOptions global, Settings settings, CancellationToken cancellationToken)
    {
        try
        {
            var configuration = RecoConfiguration.Build(console, parse.GetValue(global.Environment), parse.GetValue(global.Config));
            await using var services = CommandServices.Build(configuration, static (s, c) => s.AddRecoWorkload(c));
            var kafka = services.GetRequiredService<IOptions<KafkaOptions>>().Value;
            var bootstrap = NonEmpty(settings.Bootstrap) ?? NonEmpty(kafka.BootstrapServers)
                ?? throw new RecoStartupException("no Kafka to read dead letters from: give --bootstrap HOST:PORT or set Kafka:BootstrapServers.");
            var manifest = await LoadAsync(settings.Manifest, cancellationToken).ConfigureAwait(false);
            using var http = SandboxControl.Client(settings.Sandbox);
            var recommender = new SandboxRecommenderClient(http);
            var time = services.GetRequiredService<TimeProvider>();
            var reader = new DeadLetterReader(bootstrap, kafka, time);
            var report = await AuditUntilAsync(manifest, recommender, reader, settings, time, cancellationToken).ConfigureAwait(false);
            Write(console, report, settings.Json);
            return (settings.Strict ? report.PassedStrict : report.Passed) ? ExitCodes.Success : ExitCodes.Findings;
        }
        catch (RecoStartupException exception)
        {
            return await CommandFailure.ReportAsync(console, Name, exception.Problems).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            return await CommandFailure.ReportAsync(console, Name, [$"cannot read the sandbox at {settings.Sandbox}: {exception.Message}"]).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is KafkaException or TimeoutException or InvalidDataException)
        {
            return await CommandFailure.ReportAsync(console, Name, [exception.Message]).ConfigureAwait(false);
        }
    }

    private static async Task<AuditReport> AuditUntilAsync(
        WorkloadManifest manifest, SandboxRecommenderClient recommender, DeadLetterReader reader, Settings settings, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            var report = await DeliveryAudit.RunAsync(manifest, recommender.GetSnapshotAsync, reader, cancellationToken).ConfigureAwait(false);
            var passed = settings.Strict ? report.PassedStrict : report.Passed;
            if (passed || time.GetElapsedTime(started) >= settings.Wait)
            {
                return report;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<WorkloadManifest> LoadAsync(FileInfo file, CancellationToken cancellationToken)
    {
        try
        {
            return await WorkloadManifest.LoadAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new RecoStartupException($"--manifest {file.FullName}: {exception.Message}");
        }
    }

    private static void Write(RecoConsole console, AuditReport report, bool json)
    {
        if (!json)
        {
            report.WriteTo(console.Output);
            return;
        }

        using (var writer = new Utf8JsonWriter(console.OutputStream, new JsonWriterOptions { Indented = true }))
        {
            JsonSerializer.Serialize(writer, report, AccountingJsonContext.Default.AuditReport);
        }

        console.OutputStream.Write("\n"u8);
        console.OutputStream.Flush();
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private sealed record Settings(FileInfo Manifest, string? Bootstrap, Uri Sandbox, TimeSpan Wait, bool Strict, bool Json);
}
