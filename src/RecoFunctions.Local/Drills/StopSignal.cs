namespace RecoFunctions.Local.Drills;

/// <summary>The signal a drill stops a process with: both ask for a graceful stop.</summary>
internal enum StopSignal
{
    /// <summary>SIGTERM, what service managers and container platforms send.</summary>
    Terminate,

    /// <summary>SIGINT, what Ctrl+C sends; ignored by processes started in the background.</summary>
    Interrupt,
}
