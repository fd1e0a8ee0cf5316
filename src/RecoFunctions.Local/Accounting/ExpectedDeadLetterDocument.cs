using RecoFunctions.Local.Workload;

namespace RecoFunctions.Local.Accounting;

internal sealed record ExpectedDeadLetterDocument(int Partition, long Offset, string Category, string? Stage, string? Rule, string? Key, string Case)
{
    public static ExpectedDeadLetterDocument From(ExpectedDeadLetter letter) =>
        new(letter.Partition, letter.Offset, FlowDocument.Name(letter.Category), letter.Stage, letter.Rule, letter.Key, letter.Case);

    public ExpectedDeadLetter ToExpected() =>
        new(Partition, Offset, FlowDocument.Parse<MessageCategory>(Category), Stage, Rule, Key, Case ?? string.Empty);
}
