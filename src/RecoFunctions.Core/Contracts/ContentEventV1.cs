namespace RecoFunctions.Core.Contracts;

/// <summary>Wire shape of a content event, v1. Nullable everywhere: what is required is decided by the configured rules.</summary>
public sealed record ContentEventV1
{
    public string? EventId { get; set; }

    public string? EventType { get; set; }

    public DateTimeOffset? OccurredAt { get; set; }

    public ContentV1? Content { get; set; }
}
