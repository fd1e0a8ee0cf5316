using RecoFunctions.Core.Enrichment;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Sandbox.Wire;

/// <summary><c>POST /recommender/known-content</c> (and one item of its batch) in the sandbox's lean shape (<see cref="LeanBody"/>): the members of <see cref="KnownContentRequest"/>.</summary>
internal sealed class KnownContentBody
{
    public string? CampaignId { get; set; }

    public IReadOnlyList<string>? ContentIds { get; set; }

    public IReadOnlyList<string>? SegmentIds { get; set; }

    /// <exception cref="System.Text.Json.JsonException">Not a known-content question.</exception>
    public static KnownContentBody? Read(ReadOnlySpan<byte> utf8) =>
        LeanBody.Read(utf8, BodyJsonContext.Default.KnownContentBody, ServicesJsonContext.Default.KnownContentRequest, request => From(request)!);

    public static KnownContentBody? From(KnownContentRequest? request) => request is null ? null : new KnownContentBody
    {
        CampaignId = request.CampaignId,
        ContentIds = request.ContentIds,
        SegmentIds = request.SegmentIds,
    };
}
