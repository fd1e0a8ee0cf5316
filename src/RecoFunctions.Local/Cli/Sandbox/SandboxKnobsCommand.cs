using System.CommandLine;
using System.Globalization;
using RecoFunctions.Local.Cli.Shared;
using RecoFunctions.Sandbox;
using RecoFunctions.Sandbox.Wire;

namespace RecoFunctions.Local.Cli.Sandbox;

/// <summary>
/// <c>reco sandbox knobs --url URL --service recommender-delivery --outage 503 --for 15s</c>: turns a running sandbox's
/// knobs through <c>POST /_sandbox/knobs</c>; without changes, prints them.
/// </summary>
internal static class SandboxKnobsCommand
{
    private const string Name = "sandbox knobs";

    public static Command Create(RecoConsole console)
    {
        var options = new KnobOptions();
        var command = new Command("knobs",
            "Change a running sandbox's knobs, or print them when no change is given. An outage with --for ends by itself at that time " +
            "(the sandbox's clock decides, not this command). Prints the knobs of all services afterwards as JSON. " +
            "Exit code: 0 done, 1 the sandbox did not answer, 2 bad arguments or values the sandbox refused.");
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) =>
        {
            var url = parse.GetRequiredValue(options.Url);
            if (!options.TryBuild(parse, out var update, out var problem))
            {
                return CommandFailure.ReportAsync(console, Name, [problem]);
            }

            return update is null
                ? SandboxControl.GetAsync(console, Name, url, "_sandbox/knobs", cancellationToken)
                : SandboxControl.PostAsync(console, Name, url, "_sandbox/knobs", update, SandboxJsonContext.Default.KnobsUpdate, cancellationToken);
        });
        return command;
    }

    private sealed class KnobOptions
    {
        public Option<Uri> Url { get; } = SandboxControl.UrlOption();

        public Option<string> Service { get; } = new Option<string>("--service", "-s")
        {
            Description = "The service to change: all, " + string.Join(", ", SandboxServiceNames.All.Select(SandboxServiceNames.Of)) + ".",
            HelpName = "SERVICE",
            DefaultValueFactory = _ => "all",
        }.AcceptOnlyFromAmong(["all", .. SandboxServiceNames.All.Select(SandboxServiceNames.Of)]);

        public Option<TimeSpan?> Latency { get; } = Durations.Option("--latency", "Latency added to every call.");

        public Option<TimeSpan?> Jitter { get; } = Durations.Option("--jitter", "Random extra latency per call, from zero to this.");

        public Option<double?> ErrorRate { get; } = new("--error-rate") { Description = "Fraction (0 to 1) of calls answered with the error status.", HelpName = "RATE" };

        public Option<int?> ErrorStatus { get; } = new("--error-status") { Description = "Status of the random errors (4xx or 5xx).", HelpName = "STATUS" };

        public Option<TimeSpan?> RetryAfter { get; } = Durations.Option("--retry-after", "Retry-After sent with 429 and 503 answers.");

        public Option<bool> NoRetryAfter { get; } = new("--no-retry-after") { Description = "Send no Retry-After any more." };

        public Option<int?> Outage { get; } = new("--outage")
        {
            Description = "Start an outage: every call answers this status (e.g. 503) until --for runs out or --end-outage.",
            HelpName = "STATUS",
        };

        public Option<TimeSpan?> For { get; } = Durations.Option("--for", "How long the outage lasts (with --outage; alone, a 503 outage). It ends by itself.");

        public Option<bool> EndOutage { get; } = new("--end-outage") { Description = "End the outage now." };

        public Option<string?> Script { get; } = new("--script")
        {
            Description = "Answer the next calls as scripted, after what is already queued: STATUS[xTIMES],… e.g. 503x3,200 (2xx lets a call through).",
            HelpName = "STEPS",
        };

        public Option<bool> ClearScript { get; } = new("--clear-script") { Description = "Drop the scripted answers still queued." };

        public Option<bool> Reset { get; } = new("--reset") { Description = "Back to start-up behaviour, counters at zero (applied first)." };

        public IEnumerable<Option> All => [Url, Service, Latency, Jitter, ErrorRate, ErrorStatus, RetryAfter, NoRetryAfter, Outage, For, EndOutage, Script, ClearScript, Reset];

        /// <param name="parse">The parsed command line.</param>
        /// <param name="update">The change, or null when none was asked for.</param>
        /// <param name="problem">Why the arguments do not make a change.</param>
        public bool TryBuild(ParseResult parse, out KnobsUpdate? update, out string problem)
        {
            problem = string.Empty;
            update = null;
            var outageStatus = parse.GetValue(Outage);
            var duration = parse.GetValue(For);
            if (!TryParseScript(parse.GetValue(Script), out var script, out problem))
            {
                return false;
            }

            var change = new KnobsUpdate
            {
                Service = parse.GetRequiredValue(Service),
                Reset = parse.GetValue(Reset),
                LatencyMs = parse.GetValue(Latency)?.TotalMilliseconds,
                JitterMs = parse.GetValue(Jitter)?.TotalMilliseconds,
                ErrorRate = parse.GetValue(ErrorRate),
                ErrorStatus = parse.GetValue(ErrorStatus),
                RetryAfterSeconds = parse.GetValue(RetryAfter)?.TotalSeconds,
                ClearRetryAfter = parse.GetValue(NoRetryAfter),
                Outage = outageStatus is not null || duration is not null
                    ? new OutageUpdate { Status = outageStatus ?? 503, ForMs = duration?.TotalMilliseconds }
                    : null,
                ClearOutage = parse.GetValue(EndOutage),
                Script = script,
                ClearScript = parse.GetValue(ClearScript),
            };
            update = change == new KnobsUpdate { Service = change.Service } ? null : change;
            return true;
        }

        private static bool TryParseScript(string? text, out IReadOnlyList<ScriptStep>? steps, out string problem)
        {
            steps = null;
            problem = string.Empty;
            if (string.IsNullOrWhiteSpace(text))
            {
                return true;
            }

            var parsed = new List<ScriptStep>();
            foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var pieces = part.Split('x', 2);
                var times = 1;
                if (!int.TryParse(pieces[0], NumberStyles.None, CultureInfo.InvariantCulture, out var status) ||
                    (pieces.Length == 2 && (!int.TryParse(pieces[1], NumberStyles.None, CultureInfo.InvariantCulture, out times) || times < 1)))
                {
                    problem = $"--script: '{part}' is not STATUS or STATUSxTIMES (e.g. 503x3).";
                    return false;
                }

                parsed.Add(new ScriptStep { Status = status, Times = times });
            }

            steps = parsed;
            return true;
        }
    }
}
