namespace RecoFunctions.Core.DeadLetters;

/// <summary>Where in the pipeline a message failed; on the wire as the lower-case names of <see cref="DeadLetterStages"/>.</summary>
public enum DeadLetterStage
{
    /// <summary>Not known: a dead letter whose stage header is missing or names no stage of this version.</summary>
    Unknown,

    Parse,

    Validate,

    Enrich,

    Deliver,

    /// <summary>The workflow gave the message up (its retry budget ran out) or lost track of it.</summary>
    Workflow,

    /// <summary>The event-time windows refused the event: it came later than the allowed lateness (<c>late</c>).</summary>
    Window,
}
