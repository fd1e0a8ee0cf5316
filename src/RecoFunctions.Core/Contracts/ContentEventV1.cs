namespace RecoFunctions.Core.Contracts;

/// <summary>Wire shape of a content event, v1. Nullable everywhere: what is required is decided by the configured rules.</summary>
public sealed record ContentEventV1
{
    public string? EventId { get; init; }

    public string? EventType { get; init; }

    public DateTimeOffset? OccurredAt { get; init; }

    public ContentV1? Content { get; init; }
}
