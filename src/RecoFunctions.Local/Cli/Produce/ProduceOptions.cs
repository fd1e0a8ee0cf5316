using System.CommandLine;
using RecoFunctions.Local.Workload;

namespace RecoFunctions.Local.Cli.Produce;

/// <summary>The options of <c>reco produce</c>.</summary>
internal sealed class ProduceOptions
{
    public Option<string?> Bootstrap { get; } = new("--bootstrap", "-b")
    {
        Description = "Kafka bootstrap servers (host:port[,host:port]), e.g. the address 'reco broker' prints. Default: Kafka:BootstrapServers.",
        HelpName = "ADDR",
    };

    public Option<string> Flow { get; } = new("--flow", "-f")
    {
        Description = "Which flow to feed: content, campaign, both (content and campaign) or interactions (generated workloads). With --file: the flow whose topic receives the file.",
        HelpName = "FLOW",
        DefaultValueFactory = _ => "both",
    };

    public Option<long> Count { get; } = new("--count", "-n")
    {
        Description = "Messages to generate, over all flows.",
        HelpName = "N",
        DefaultValueFactory = _ => 10_000,
    };

    public Option<double> Rate { get; } = new("--rate", "-r")
    {
        Description = "Messages per second, paced by a token bucket; 0 sends as fast as Kafka takes them.",
        HelpName = "R",
        DefaultValueFactory = _ => 0,
    };

    public Option<double> InvalidShare { get; } = Share("--invalid-share", "Well-formed events that break one configured validation rule (dead letters at validate).", WorkloadSpec.Default.InvalidShare);

    public Option<double> HostileShare { get; } = Share("--hostile-share",
        "Garbage: invalid UTF-8, truncated or deeply nested JSON, oversized or binary values, tombstones, empty values, no key (dead letters at parse/validate).",
        WorkloadSpec.Default.HostileShare);

    public Option<double> DuplicateShare { get; } = Share("--duplicate-share", "Earlier valid messages sent again byte for byte (stale at the recommender).", WorkloadSpec.Default.DuplicateShare);

    public Option<double> OutOfOrderShare { get; } = Share("--out-of-order-share", "Valid versions sent after a newer version of their key (stale at the recommender).", WorkloadSpec.Default.OutOfOrderShare);

    public Option<double> MissingShare { get; } = Share("--missing-share",
        "Valid events the services refuse for good: unknown content (missing-…), unknown placement (unknown-…), rejected keys (rejected-…) (dead letters at enrich/deliver).",
        WorkloadSpec.Default.MissingShare);

    public Option<double> LateShare { get; } = Share("--late-share",
        "Interactions (--flow interactions) stamped two days behind the event clock, beyond the windows' allowed lateness (dead letters at window, reason late).",
        0);

    public Option<double> EventSpacing { get; } = new("--event-spacing")
    {
        Description = "Interactions: milliseconds of event time between consecutive events; the last event is stamped about now.",
        HelpName = "MS",
        DefaultValueFactory = _ => WorkloadSpec.Default.InteractionSpacing.TotalMilliseconds,
    };

    public Option<int> Keys { get; } = new("--keys", "-k")
    {
        Description = "Distinct keys per flow; versions rise per key, so fewer keys means more updates of each.",
        HelpName = "K",
        DefaultValueFactory = _ => 1_000,
    };

    public Option<long> Seed { get; } = new("--seed")
    {
        Description = "Seed of the generator: the same seed gives the same keys, versions, events and fates.",
        HelpName = "SEED",
        DefaultValueFactory = _ => 1,
    };

    public Option<FileInfo?> File { get; } = new("--file")
    {
        Description = "Replay a JSON Lines file (one value per line) to --flow's topic instead of generating; each line is keyed by its contentId/campaignId/interaction.userId when readable.",
        HelpName = "FILE.jsonl",
    };

    public Option<FileInfo?> Manifest { get; } = new("--manifest", "-m")
    {
        Description = "Write what was produced and what must become of it (JSON), for 'reco audit --manifest FILE'.",
        HelpName = "FILE",
    };

    public Option<bool> DryRun { get; } = new("--dry-run")
    {
        Description = "Generate without Kafka and print how many messages per second one thread generates.",
    };

    public IEnumerable<Option> All =>
        [Bootstrap, Flow, Count, Rate, InvalidShare, HostileShare, DuplicateShare, OutOfOrderShare, MissingShare, LateShare, EventSpacing, Keys, Seed, File, Manifest, DryRun];

    private static Option<double> Share(string name, string description, double defaultValue) => new(name)
    {
        Description = $"{description} A fraction of --count, 0 to 1.",
        HelpName = "SHARE",
        DefaultValueFactory = _ => defaultValue,
    };
}
