using System.CommandLine;
using System.Text.Json;
using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Local.Drills;

namespace RecoFunctions.Local.Cli.Drill;

/// <summary><c>reco drill</c>: the reliability drills, each against its own <c>reco broker</c>, <c>reco sandbox</c> and <c>reco run</c> processes.</summary>
internal static class DrillCommand
{
    private const string Name = "drill";

    public static Command Create(RecoConsole console)
    {
        var only = new Option<string[]>("--only")
        {
            Description = "Run only these drills (comma-separated or repeated): " + string.Join(", ", ReliabilityDrills.All) + ".",
            HelpName = "NAME[,NAME]",
            AllowMultipleArgumentsPerToken = true,
        };
        var events = new Option<long>("--events", "-n")
        {
            Description = "Messages produced per drill.",
            HelpName = "N",
            DefaultValueFactory = _ => new DrillSettings().Events,
        };
        var rate = new Option<double>("--rate", "-r")
        {
            Description = "Messages per second offered while the fault happens.",
            HelpName = "RATE",
            DefaultValueFactory = _ => new DrillSettings().Rate,
        };
        var kills = new Option<int>("--kills")
        {
            Description = "How many times the kill-and-restart drill SIGKILLs 'reco run'.",
            HelpName = "N",
            DefaultValueFactory = _ => new DrillSettings().Kills,
        };
        var interactions = new Option<long>("--interactions")
        {
            Description = "Interactions streamed in the windows-kill drill.",
            HelpName = "N",
            DefaultValueFactory = _ => new DrillSettings().Interactions,
        };
        var interactionRate = new Option<double>("--interaction-rate")
        {
            Description = "Interactions per second offered in the windows-kill drill.",
            HelpName = "RATE",
            DefaultValueFactory = _ => new DrillSettings().InteractionRate,
        };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the report to this file as JSON.", HelpName = "FILE" };

        var command = new LongRunningCommand(Name,
            "Reliability drills. Each starts 'reco broker' and 'reco sandbox' as processes, streams a workload through 'reco run' processes while a fault happens, " +
            "then audits (as 'reco audit' does) and reports messages produced, delivered, dead-lettered by reason, lost, duplicates applied and the time to drain after the fault. " +
            "kill-restart: 'reco run' SIGKILLed and restarted mid-stream; outage: the recommender answers 503 for 15 s; broker-stall: the broker frozen (SIGSTOP) for 5 s; " +
            "poison: 30 % hostile and invalid messages, throughput against a clean stream; rebalance: a second 'reco run' joins mid-stream and leaves with SIGTERM; " +
            "windows-kill: 'reco run' SIGKILLed while 200,000 interactions stream in, its features compared with an uninterrupted run's over the same records (GET /_sandbox/features): identical; every run is stopped with SIGTERM, so the drills work from a background job too. " +
            "Exit code: 0 every drill passed; 1 a drill failed; 2 bad arguments.")
        {
            only, events, rate, kills, interactions, interactionRate, json,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var names = (parse.GetValue(only) ?? []).SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var unknown = names.Where(name => !ReliabilityDrills.All.Contains(name, StringComparer.Ordinal)).ToList();
            var settings = new DrillSettings
            {
                Events = parse.GetValue(events),
                Rate = parse.GetValue(rate),
                Kills = parse.GetValue(kills),
                Interactions = parse.GetValue(interactions),
                InteractionRate = parse.GetValue(interactionRate),
                Log = line => console.Error.WriteLine("reco drill: " + line),
            };
            var problems = unknown.Select(name => $"--only {name}: no such drill ({string.Join(", ", ReliabilityDrills.All)}).").ToList();
            if (settings.Events < 1_000)
            {
                problems.Add($"--events {settings.Events}: at least 1000.");
            }

            if (!(settings.Rate > 0))
            {
                problems.Add($"--rate {settings.Rate}: a positive number of messages per second.");
            }

            if (settings.Interactions < 1_000 || !(settings.InteractionRate > 0))
            {
                problems.Add($"--interactions {settings.Interactions} --interaction-rate {settings.InteractionRate}: at least 1000 interactions at a positive rate.");
            }

            if (settings.Kills is < 1 or > 20)
            {
                problems.Add($"--kills {settings.Kills}: between 1 and 20.");
            }

            return problems.Count > 0
                ? CommandFailure.ReportAsync(console, Name, problems)
                : RunAsync(console, names.Count > 0 ? names : [.. ReliabilityDrills.All], settings, parse.GetValue(json), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(RecoConsole console, IReadOnlyList<string> names, DrillSettings settings, FileInfo? json, CancellationToken cancellationToken)
    {
        // SIGTERM or Ctrl+C unwinds the drill, which stops its broker, sandbox, run and producer processes rather than leaving them behind.
        using var signals = new ShutdownSignals(cancellationToken, console.Error, "stopping the drill's processes");
        cancellationToken = signals.Stopping;
        var results = new List<DrillResult>();
        foreach (var name in names)
        {
            var result = await ReliabilityDrills.RunAsync(name, settings, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            new DrillReport([result]).WriteTo(console.Error);
        }

        var report = new DrillReport(results);
        report.WriteTo(console.Output);
        if (json is not null)
        {
            await using var file = File.Create(json.FullName);
            await JsonSerializer.SerializeAsync(file, report, DrillJsonContext.Default.DrillReport, cancellationToken).ConfigureAwait(false);
        }

        return report.Passed ? ExitCodes.Success : ExitCodes.Findings;
    }
}
