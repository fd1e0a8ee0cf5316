namespace RecoFunctions.Core.Contracts;

/// <summary>What a user did. <see cref="UserId"/> is personal data: it is pseudonymised before anything leaves the process.</summary>
public sealed record InteractionV1
{
    public string? UserId { get; set; }

    public string? ContentId { get; set; }

    public string? SessionId { get; set; }

    public long? DwellMs { get; set; }

    public long? PositionMs { get; set; }

    public string? Device { get; set; }

    public string? PlacementId { get; set; }
}
