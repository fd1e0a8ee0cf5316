using RecoFunctions.Core.Domain;

namespace RecoFunctions.Core.Windowing;

/// <summary>The kind names used in features' counts: the event type without its <c>interaction.</c> prefix.</summary>
internal static class InteractionKindNames
{
    // Indexed by InteractionKind.
    private static readonly string[] Names = ["view", "click", "dwell", "play", "complete", "like", "share"];

    public static string Of(InteractionKind kind) => Names[(int)kind];
}
