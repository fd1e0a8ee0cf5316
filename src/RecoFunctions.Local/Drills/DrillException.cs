namespace RecoFunctions.Local.Drills;

/// <summary>A drill could not be carried out (a process did not start, print or stop in time); distinct from a drill that ran and failed its checks.</summary>
internal sealed class DrillException : Exception
{
    public DrillException()
    {
    }

    public DrillException(string message)
        : base(message)
    {
    }

    public DrillException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
