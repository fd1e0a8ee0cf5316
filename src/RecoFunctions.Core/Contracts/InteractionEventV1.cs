namespace RecoFunctions.Core.Contracts;

/// <summary>Wire shape of a user interaction, v1. Nullable everywhere: what is required is decided by the configured rules.</summary>
public sealed record InteractionEventV1
{
    public string? EventId { get; set; }

    public string? EventType { get; set; }

    public DateTimeOffset? OccurredAt { get; set; }

    public InteractionV1? Interaction { get; set; }
}
