using RecoFunctions.Core.Enrichment;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Sandbox.Wire;

/// <summary><c>POST /contents/batch</c> in the sandbox's lean shape (<see cref="LeanBody"/>): the members of <see cref="ContentBatchRequest"/>.</summary>
internal sealed class ContentBatchBody
{
    public IReadOnlyList<ContentRefBody?>? Items { get; set; }

    /// <exception cref="System.Text.Json.JsonException">Not a batch.</exception>
    public static ContentBatchBody? Read(ReadOnlySpan<byte> utf8) =>
        LeanBody.Read(utf8, BodyJsonContext.Default.ContentBatchBody, ServicesJsonContext.Default.ContentBatchRequest, From);

    private static ContentBatchBody From(ContentBatchRequest request) => new()
    {
        Items = request.Items is null
            ? null
            : [.. request.Items.Select(reference => reference is null ? null : new ContentRefBody { ContentId = reference.ContentId, Version = reference.Version })],
    };
}
