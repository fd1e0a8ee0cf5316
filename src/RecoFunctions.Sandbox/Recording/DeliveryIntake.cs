using RecoFunctions.Core.Delivery;

namespace RecoFunctions.Sandbox.Recording;

/// <summary>The recommender's write side: rejects invalid operations (400-class), applies the others through the recorder.</summary>
internal sealed class DeliveryIntake(DeliveryRecorder recorder, SandboxOptions options)
{
    private const int MaxKeyLength = 256;

    public DeliveryResult Handle(DeliveryOperation operation) => Handle(DeliveryCommand.Of(operation));

    public DeliveryResult Handle(in DeliveryCommand operation) =>
        Validate(operation) is { } reason ? recorder.Reject(operation, reason) : recorder.Apply(operation);

    private string? Validate(in DeliveryCommand operation)
    {
        if (operation.Kind is not (DeliveryKinds.Item or DeliveryKinds.Campaign))
        {
            return $"kind '{operation.Kind}' is not item or campaign";
        }

        if ((operation.Kind, operation.Action) is not ((DeliveryKinds.Item, DeliveryActions.Upsert) or (DeliveryKinds.Item, DeliveryActions.Delete)
            or (DeliveryKinds.Campaign, DeliveryActions.Upsert) or (DeliveryKinds.Campaign, DeliveryActions.Retire)))
        {
            return $"action '{operation.Action}' is not valid for a {operation.Kind}";
        }

        if (string.IsNullOrWhiteSpace(operation.Key) || operation.Key.Length > MaxKeyLength)
        {
            return $"key is required and at most {MaxKeyLength} characters long";
        }

        if (operation.Version < 1)
        {
            return "version must be at least 1";
        }

        if (operation.Action == DeliveryActions.Upsert && PayloadProblem(operation) is { } problem)
        {
            return problem;
        }

        return operation.Key.StartsWith(options.RejectedKeyPrefix, StringComparison.Ordinal)
            ? $"key '{operation.Key}' is on the sandbox's reject list"
            : null;
    }

    private static string? PayloadProblem(in DeliveryCommand operation) => (operation.Kind, operation.PayloadType) switch
    {
        (_, null) => "payload is required for an upsert",
        (DeliveryKinds.Item, DeliveryKinds.Item) => operation.PayloadId == operation.Key ? null : "payload contentId must equal the key",
        (DeliveryKinds.Campaign, DeliveryKinds.Campaign) => operation.PayloadId == operation.Key ? null : "payload campaignId must equal the key",
        _ => $"payload type does not match kind '{operation.Kind}'",
    };
}
