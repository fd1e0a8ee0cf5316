namespace RecoFunctions.Runtime.Windows;

/// <summary>A changelog topic cannot hold a flow's window state (wrong partition count), or its log lost the state.</summary>
public sealed class ChangelogTopicException : Exception
{
    public ChangelogTopicException()
        : this("The window-state changelog topic is unusable.")
    {
    }

    public ChangelogTopicException(string message)
        : base(message)
    {
    }

    public ChangelogTopicException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
