namespace RecoFunctions.Runtime;

/// <summary>
/// An earlier batch sharing keys with this one stopped before all its messages finished (the partition drained or the
/// runtime failed): delivering this batch's versions now could put them ahead of that batch's, so this batch stops too
/// and its messages stay unfinished, to be redelivered in order.
/// </summary>
internal sealed class EarlierBatchUnfinishedException : Exception
{
    public EarlierBatchUnfinishedException()
        : base("An earlier batch sharing keys with this one stopped with messages unfinished.")
    {
    }

    public EarlierBatchUnfinishedException(string message)
        : base(message)
    {
    }

    public EarlierBatchUnfinishedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
