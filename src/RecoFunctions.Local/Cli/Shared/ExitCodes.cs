namespace RecoFunctions.Local.Cli.Shared;

/// <summary>What <c>reco</c> returns; scripts and CI branch on these, so their meaning never changes.</summary>
internal static class ExitCodes
{
    /// <summary>Everything went well (for <c>validate</c>: every message is valid).</summary>
    public const int Success = 0;

    /// <summary>The command ran, and found what it looks for (for <c>validate</c>: at least one invalid message).</summary>
    public const int Findings = 1;

    /// <summary>Bad arguments, bad configuration or unreadable input: nothing was judged.</summary>
    public const int Usage = 2;

    /// <summary>Kafka could not be reached (nothing answered at the bootstrap address within <c>Kafka:ConnectTimeout</c>), or refused the work.</summary>
    public const int Unavailable = 3;

    /// <summary>The broker dropped records before they were read (the embedded Kafka's bound per partition); stderr names the topic and partition.</summary>
    public const int RecordsDropped = 4;

    /// <summary>Stopped by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;

    /// <summary>An unexpected failure inside reco itself.</summary>
    public const int InternalError = 70;
}
