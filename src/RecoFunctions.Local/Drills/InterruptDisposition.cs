namespace RecoFunctions.Local.Drills;

/// <summary>How a started process finds SIGINT: the shell starts the children of a background job with it ignored.</summary>
internal enum InterruptDisposition
{
    /// <summary>As the starting process has it.</summary>
    Inherited,

    /// <summary>Ignored, as for the children of a background job (<c>cmd &amp;</c>, <c>nohup</c>, CI runners, cron).</summary>
    Ignored,

    /// <summary>At its default, as in a foreground terminal, even if the starting process ignores it.</summary>
    Default,
}
