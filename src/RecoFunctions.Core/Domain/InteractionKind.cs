namespace RecoFunctions.Core.Domain;

/// <summary>What a user did with a content item; the wire names are <c>interaction.view</c> and so on.</summary>
public enum InteractionKind
{
    View,
    Click,
    Dwell,
    Play,
    Complete,
    Like,
    Share,
}
