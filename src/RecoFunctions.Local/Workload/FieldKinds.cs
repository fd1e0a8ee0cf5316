namespace RecoFunctions.Local.Workload;

internal static class FieldKinds
{
    /// <summary>The kind named by a rule's <c>Type</c> (case-insensitive, as the validator reads it); None when unset or unknown.</summary>
    public static FieldKind Parse(string? type) =>
        Enum.TryParse<FieldKind>(type, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !int.TryParse(type, out _) ? kind : FieldKind.None;
}
