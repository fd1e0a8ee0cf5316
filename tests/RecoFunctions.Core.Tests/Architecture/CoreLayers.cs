namespace RecoFunctions.Core.Tests.Architecture;

/// <summary>
/// The one place that says which way Core's dependencies point: each namespace may use only the namespaces listed before
/// it. A new folder of Core goes into this list, at the lowest place its dependencies allow.
/// </summary>
internal static class CoreLayers
{
    public const string Root = "RecoFunctions.Core";

    public static readonly IReadOnlyList<string> BottomUp =
    [
        // Vocabulary with no behaviour: wire contracts, Kafka messages, metrics, option helpers.
        "Contracts",
        "Messaging",
        "Diagnostics",
        "Configuration",
        // Pseudonymisation of personal data, before anything leaves the process.
        "Privacy",
        // Dead letters and their typed failure; the domain: events and a message's outcome (which may carry a failure); the configured flows.
        "DeadLetters",
        "Domain",
        "Flows",
        // Intake: bytes to a validated domain event.
        "Parsing",
        "Validation",
        "Intake",
        // Calling services: resilience, shared breaker state, their spans and meters, HTTP.
        "Resilience",
        "CircuitState",
        "Telemetry",
        "Services",
        // The flows' steps.
        "Enrichment",
        "Delivery",
        // The interactions flow's event-time windows: watermark, state, features.
        "Windowing",
        // A batch's enrichment and delivery, and the retried workflow around it.
        "Processing",
        "Workflow",
    ];

    public static IReadOnlyList<string> Qualified => [.. BottomUp.Select(name => $"{Root}.{name}")];
}
