namespace RecoFunctions.Core.DeadLetters;

/// <summary>The wire names of <see cref="DeadLetterRedaction"/>.</summary>
public static class DeadLetterRedactions
{
    public const string Pseudonymised = "pseudonymised";
    public const string Withheld = "withheld";

    /// <summary>The wire name; null for <see cref="DeadLetterRedaction.None"/>, which is not written.</summary>
    public static string? Name(DeadLetterRedaction redaction) => redaction switch
    {
        DeadLetterRedaction.Pseudonymised => Pseudonymised,
        DeadLetterRedaction.Withheld => Withheld,
        _ => null,
    };

    /// <summary>The redaction a wire name stands for. An unknown name reads as withheld: whatever it was, the value is not the original.</summary>
    public static DeadLetterRedaction FromName(string? name) => name switch
    {
        null or "" => DeadLetterRedaction.None,
        Pseudonymised => DeadLetterRedaction.Pseudonymised,
        _ => DeadLetterRedaction.Withheld,
    };
}
