using System.CommandLine;
using System.Globalization;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Intake;
using RecoFunctions.Local.Accounting;
using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Runtime.Hosting;
using RecoFunctions.Runtime.Kafka;
using RecoFunctions.Local.Workload;

namespace RecoFunctions.Local.Cli.Produce;

/// <summary><c>reco produce</c>: sends a generated workload (or a JSON Lines file) to Kafka and writes its manifest.</summary>
internal static class ProduceCommand
{
    private const string Name = "produce";

    public static Command Create(GlobalOptions global, RecoConsole console)
    {
        var options = new ProduceOptions();
        var command = new Command(Name,
            "Produce events to the flows' topics: a generated workload (realistic content and campaign events with rising versions per key, " +
            "or user interactions in sessions with an event clock of their own and a share of late events, " +
            "plus chosen shares of invalid, hostile, duplicate, out-of-order and permanently failing messages; deterministic per --seed) or a JSON Lines file. " +
            "Every record is keyed and stamped with its send time (CreateTime), from which end-to-end latency is measured; with --rate, with the time " +
            "the rate was due to send it when it went later, so that a held-back producer shows as latency (coordinated omission). " +
            "Reports on standard error what was sent, by flow and expected fate, and the rate achieved. " +
            "Exit code: 0 all sent, 1 some sends failed, 2 bad arguments or configuration, 130 stopped before all were sent (Ctrl+C or SIGTERM).");
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) => RunAsync(console, parseResult, global, options, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(RecoConsole console, ParseResult parse, GlobalOptions global, ProduceOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var spec = SpecFrom(parse, options);
            var file = parse.GetValue(options.File);
            var manifestFile = parse.GetValue(options.Manifest);
            var dryRun = parse.GetValue(options.DryRun);
            CheckCombination(file, manifestFile, dryRun);

            var configuration = RecoConfiguration.Build(console, parse.GetValue(global.Environment), parse.GetValue(global.Config));
            await using var services = CommandServices.Build(configuration, static (s, c) => s.AddRecoWorkload(c));
            var pipeline = services.GetRequiredService<IOptions<PipelineOptions>>().Value;
            var time = services.GetRequiredService<TimeProvider>();
            if (dryRun)
            {
                return DryRun(console, spec, pipeline, time);
            }

            var kafka = services.GetRequiredService<IOptions<KafkaOptions>>().Value;
            var bootstrap = NonEmpty(parse.GetValue(options.Bootstrap)) ?? NonEmpty(kafka.BootstrapServers) ?? throw new RecoStartupException(
                "no Kafka to produce to: give --bootstrap HOST:PORT or set Kafka:BootstrapServers (for a local broker, start 'reco broker' and use the address it prints). " +
                "An embedded broker lives inside one process, so producing into it only makes sense from that process (reco demo).");
            var (messages, manifest) = file is null
                ? Generated(spec, pipeline, time)
                : await FromFileAsync(console, file, parse.GetRequiredValue(options.Flow), services, cancellationToken).ConfigureAwait(false);

            var producer = new WorkloadProducer(pipeline, time);
            using var client = WorkloadProducer.CreateProducer(bootstrap, kafka);
            if (Unreachable(bootstrap, kafka, manifest, console.Error) is { } problem)
            {
                return await CommandFailure.ReportAsync(console, Name, [problem], ExitCodes.Findings).ConfigureAwait(false);
            }

            var sending = producer.ProduceAsync(client, messages, spec.Rate, manifest, cancellationToken);
            var report = console.IsTerminal
                ? await LiveView.ProduceProgressBar.ShowAsync(console, producer, file is null ? spec.Count : null, sending).ConfigureAwait(false)
                : await sending.ConfigureAwait(false);
            ProduceSummary.Write(console.Error, report, bootstrap);
            if (manifestFile is not null)
            {
                await manifest.SaveAsync(manifestFile.FullName, CancellationToken.None).ConfigureAwait(false);
                await console.Error.WriteLineAsync($"reco produce: manifest written to {manifestFile.FullName}").ConfigureAwait(false);
            }

            return report.Cancelled ? ExitCodes.Cancelled : report.Failed > 0 ? ExitCodes.Findings : ExitCodes.Success;
        }
        catch (RecoStartupException exception)
        {
            return await CommandFailure.ReportAsync(console, Name, exception.Problems).ConfigureAwait(false);
        }
    }

    private static WorkloadSpec SpecFrom(ParseResult parse, ProduceOptions options)
    {
        var flow = parse.GetRequiredValue(options.Flow);
        var spec = new WorkloadSpec
        {
            Flows = flow.ToLowerInvariant() switch
            {
                "content" => WorkloadFlows.Content,
                "campaign" => WorkloadFlows.Campaign,
                "interactions" => WorkloadFlows.Interactions,
                _ => WorkloadFlows.Both,
            },
            Count = parse.GetValue(options.Count),
            Rate = parse.GetValue(options.Rate),
            InvalidShare = parse.GetValue(options.InvalidShare),
            HostileShare = parse.GetValue(options.HostileShare),
            DuplicateShare = parse.GetValue(options.DuplicateShare),
            OutOfOrderShare = parse.GetValue(options.OutOfOrderShare),
            MissingShare = parse.GetValue(options.MissingShare),
            LateShare = parse.GetValue(options.LateShare),
            InteractionSpacing = TimeSpan.FromMilliseconds(parse.GetValue(options.EventSpacing)),
            Keys = parse.GetValue(options.Keys),
            Seed = parse.GetValue(options.Seed),
        };
        var problems = spec.Validate();
        if (parse.GetValue(options.File) is null && flow.ToLowerInvariant() is not ("content" or "campaign" or "both" or "interactions"))
        {
            problems = [.. problems, $"--flow {flow}: a generated workload feeds content, campaign, both (content and campaign) or interactions."];
        }

        if (spec.LateShare > 0 && spec.Flows != WorkloadFlows.Interactions)
        {
            problems = [.. problems, "--late-share applies to --flow interactions only."];
        }

        return problems.Count == 0 ? spec : throw new RecoStartupException(problems.Select(OptionNames));
    }

    private static void CheckCombination(FileInfo? file, FileInfo? manifest, bool dryRun)
    {
        if (dryRun && (file is not null || manifest is not null))
        {
            throw new RecoStartupException("--dry-run only generates: it takes neither --file nor --manifest.");
        }

        if (file is not null && !file.Exists)
        {
            throw new RecoStartupException($"--file {file.FullName}: the file does not exist.");
        }
    }

    /// <summary>Spec property names in problems become the options that set them.</summary>
    private static string OptionNames(string problem) => problem
        .Replace("InvalidShare", "--invalid-share", StringComparison.Ordinal)
        .Replace("HostileShare", "--hostile-share", StringComparison.Ordinal)
        .Replace("DuplicateShare", "--duplicate-share", StringComparison.Ordinal)
        .Replace("OutOfOrderShare", "--out-of-order-share", StringComparison.Ordinal)
        .Replace("MissingShare", "--missing-share", StringComparison.Ordinal)
        .Replace("LateShare", "--late-share", StringComparison.Ordinal)
        .Replace("InteractionSpacing", "--event-spacing", StringComparison.Ordinal)
        .Replace("Count ", "--count ", StringComparison.Ordinal)
        .Replace("Rate ", "--rate ", StringComparison.Ordinal)
        .Replace("Keys ", "--keys ", StringComparison.Ordinal);

    private static (IEnumerable<WorkloadMessage>, WorkloadManifest) Generated(WorkloadSpec spec, PipelineOptions pipeline, TimeProvider time)
    {
        var generator = CreateGenerator(spec, pipeline, time);
        var manifest = new WorkloadManifest(time.GetUtcNow(), "generated", spec.Seed);
        foreach (var (flow, kind) in generator.Flows)
        {
            manifest.GetOrAdd(flow, kind);
        }

        return (generator.Generate(), manifest);
    }

    private static async Task<(IEnumerable<WorkloadMessage>, WorkloadManifest)> FromFileAsync(
        RecoConsole console, FileInfo file, string flowName, ServiceProvider services, CancellationToken cancellationToken)
    {
        var flows = services.GetRequiredService<FlowRegistry>();
        if (!flows.TryGetByName(flowName, out var flow))
        {
            throw new RecoStartupException($"--flow {flowName}: with --file, name one enabled flow ({string.Join(", ", flows.Flows.Select(f => f.Name))}).");
        }

        Stream stream;
        try
        {
            stream = file.OpenRead();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new RecoStartupException($"--file {file.FullName}: {exception.Message}");
        }

        await using (stream.ConfigureAwait(false))
        {
            var intake = services.GetRequiredService<MessageIntake>();
            var (messages, skipped) = await JsonLinesWorkload.ReadAsync(stream, file.FullName, flow, intake, cancellationToken).ConfigureAwait(false);
            if (skipped > 0)
            {
                await console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"reco produce: skipped {skipped} lines longer than {JsonLinesWorkload.MaxLineBytes} bytes")).ConfigureAwait(false);
            }

            var manifest = new WorkloadManifest(services.GetRequiredService<TimeProvider>().GetUtcNow(), file.FullName);
            manifest.GetOrAdd(flow, DeliveryKindsOf.Contract(flow.Contract));
            return (messages, manifest);
        }
    }

    /// <summary>Fails fast, with the broker's words, when Kafka cannot be reached; warns about topics the broker will have to create.</summary>
    private static string? Unreachable(string bootstrap, KafkaOptions kafka, WorkloadManifest manifest, TextWriter error)
    {
        using var admin = new AdminClientBuilder(KafkaClientConfigs.Admin(kafka, bootstrap)).SetLogHandler(static (_, _) => { }).Build();
        try
        {
            var topics = admin.GetMetadata(kafka.ConnectTimeout).Topics.Select(topic => topic.Topic).ToHashSet(StringComparer.Ordinal);
            foreach (var flow in manifest.Flows.Where(flow => !topics.Contains(flow.Topic)))
            {
                error.WriteLine($"reco produce: topic {flow.Topic} does not exist yet; the broker creates it on first use if it allows that " +
                    "(with its default partition count: 'reco broker' creates the flows' topics with more partitions).");
            }

            return null;
        }
        catch (KafkaException exception)
        {
            return $"cannot reach Kafka at {bootstrap} within {kafka.ConnectTimeout.TotalSeconds:0} s: {exception.Error.Reason}";
        }
    }

    private static int DryRun(RecoConsole console, WorkloadSpec spec, PipelineOptions pipeline, TimeProvider time)
    {
        var generator = CreateGenerator(spec, pipeline, time);
        var counts = new Dictionary<MessageCategory, long>();
        long bytes = 0;
        var started = time.GetTimestamp();
        while (generator.TryNext(out var message))
        {
            bytes += message.Value?.Length ?? 0;
            counts[message.Category] = counts.GetValueOrDefault(message.Category) + 1;
        }

        var elapsed = time.GetElapsedTime(started);
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-9);
        console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generated {generator.Generated} messages ({bytes / 1_048_576.0:0.0} MB) in {elapsed.TotalSeconds:0.000} s on one thread: {generator.Generated / seconds:0} messages/s, {bytes / 1_048_576.0 / seconds:0.0} MB/s"));
        console.Error.WriteLine("reco produce: dry run, nothing sent: " + string.Join(", ",
            counts.OrderBy(pair => pair.Key).Select(pair => string.Create(CultureInfo.InvariantCulture, $"{ProduceSummary.Describe(pair.Key)} {pair.Value}"))));
        return ExitCodes.Success;
    }

    /// <summary>A generator for an enabled flow; a disabled one is a configuration problem, not a crash.</summary>
    private static WorkloadGenerator CreateGenerator(WorkloadSpec spec, PipelineOptions pipeline, TimeProvider time)
    {
        try
        {
            return new WorkloadGenerator(spec, pipeline, time);
        }
        catch (ArgumentException exception)
        {
            throw new RecoStartupException(exception.Message);
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
