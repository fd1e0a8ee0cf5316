using RecoFunctions.Core.Enrichment;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Sandbox.Wire;

/// <summary><c>POST /recommender/known-content/batch</c> in the sandbox's lean shape (<see cref="LeanBody"/>): the members of <see cref="KnownContentBatchRequest"/>.</summary>
internal sealed class KnownContentBatchBody
{
    public IReadOnlyList<KnownContentBody?>? Items { get; set; }

    /// <exception cref="System.Text.Json.JsonException">Not a batch.</exception>
    public static KnownContentBatchBody? Read(ReadOnlySpan<byte> utf8) =>
        LeanBody.Read(utf8, BodyJsonContext.Default.KnownContentBatchBody, ServicesJsonContext.Default.KnownContentBatchRequest, From);

    private static KnownContentBatchBody From(KnownContentBatchRequest request) => new()
    {
        Items = request.Items is null ? null : [.. request.Items.Select(KnownContentBody.From)],
    };
}
