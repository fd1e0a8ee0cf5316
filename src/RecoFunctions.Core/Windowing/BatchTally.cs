namespace RecoFunctions.Core.Windowing;

/// <summary>Counts of one batch's events by outcome, and the refused ones in offset order.</summary>
internal sealed class BatchTally
{
    public int Added { get; private set; }

    public int Duplicates { get; private set; }

    public int Skipped { get; set; }

    public List<RejectedOffset> Rejected { get; } = [];

    public void Count(long offset, AddResult result)
    {
        switch (result.Outcome)
        {
            case AddOutcome.Added:
                Added++;
                break;
            case AddOutcome.Duplicate:
                Duplicates++;
                break;
            default:
                Rejected.Add(new RejectedOffset(offset, result.Failure!));
                break;
        }
    }
}
