using RecoFunctions.Core.Delivery;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Sandbox.Wire;

/// <summary><c>POST /deliveries/batch</c> in the sandbox's lean shape (<see cref="LeanBody"/>): the members of <see cref="DeliveryBatchRequest"/>.</summary>
internal sealed class DeliveryBatchBody
{
    public IReadOnlyList<DeliveryOperationBody?>? Operations { get; set; }

    /// <exception cref="System.Text.Json.JsonException">Not a batch.</exception>
    public static DeliveryBatchBody? Read(ReadOnlySpan<byte> utf8) =>
        LeanBody.Read(utf8, BodyJsonContext.Default.DeliveryBatchBody, ServicesJsonContext.Default.DeliveryBatchRequest, From);

    private static DeliveryBatchBody From(DeliveryBatchRequest request) => new()
    {
        Operations = request.Operations is null ? null : [.. request.Operations.Select(DeliveryOperationBody.From)],
    };
}
