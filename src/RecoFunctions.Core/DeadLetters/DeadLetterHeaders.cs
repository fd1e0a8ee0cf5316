namespace RecoFunctions.Core.DeadLetters;

/// <summary>Header names on dead-lettered records; both runtimes write the same ones so that replay works on either.</summary>
public static class DeadLetterHeaders
{
    public const string Reason = "reco-dlq-reason";
    public const string Stage = "reco-dlq-stage";
    public const string OriginalTopic = "reco-dlq-original-topic";
    public const string OriginalPartition = "reco-dlq-original-partition";
    public const string OriginalOffset = "reco-dlq-original-offset";
    public const string DeadLetteredAt = "reco-dlq-at";
}
