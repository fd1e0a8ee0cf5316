namespace RecoFunctions.Runtime.Hosting;

/// <summary>A command cannot start: bad configuration or input. Each problem is one line for standard error.</summary>
internal sealed class RecoStartupException : Exception
{
    public RecoStartupException(IEnumerable<string> problems)
        : this([.. problems])
    {
    }

    public RecoStartupException(string problem)
        : this([problem])
    {
    }

    public RecoStartupException()
        : this("reco could not start.")
    {
    }

    public RecoStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    private RecoStartupException(string[] problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }
}
