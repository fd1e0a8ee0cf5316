namespace RecoFunctions.Local.Workload;

public static class MessageCategories
{
    public static MessageFate FateOf(MessageCategory category) => category switch
    {
        MessageCategory.Valid or MessageCategory.Duplicate or MessageCategory.OutOfOrder => MessageFate.Valid,
        MessageCategory.Invalid or MessageCategory.Hostile => MessageFate.Invalid,
        MessageCategory.PermanentFailure => MessageFate.PermanentFailure,
        MessageCategory.Late => MessageFate.Late,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };
}
