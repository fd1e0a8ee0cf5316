namespace RecoFunctions.Functions.WindowState;

/// <summary>One user's window state does not fit a table entity, even split into the most chunks an entity holds.</summary>
public sealed class WindowStateTooLargeException(string topic, int partition, string userKey, int bytes, int limit)
    : Exception(
        $"The window state of user {userKey} in {topic}/{partition} is {bytes} bytes; a Table Storage entity holds at most {limit} " +
        "(its 64 KiB properties). Lower Windowing:MaxEventsPerUserWindow or the number of windows.")
{
    public string Topic { get; } = topic;

    public int Partition { get; } = partition;

    public int Bytes { get; } = bytes;

    public int Limit { get; } = limit;
}
