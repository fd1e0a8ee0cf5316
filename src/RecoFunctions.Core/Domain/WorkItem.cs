using RecoFunctions.Core.Messaging;

namespace RecoFunctions.Core.Domain;

/// <summary>
/// A valid message on its way to the recommender. <see cref="FirstAttemptAt"/> survives re-runs of pending items,
/// so that the maximum age of a transiently failing message is measured from its first attempt.
/// </summary>
public sealed record WorkItem(MessageId Id, DateTimeOffset ProducedAt, DateTimeOffset FirstAttemptAt, PipelineEvent Event);
