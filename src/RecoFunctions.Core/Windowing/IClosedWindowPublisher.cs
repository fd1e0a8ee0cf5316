namespace RecoFunctions.Core.Windowing;

/// <summary>Turns closed windows into features (content kinds and tags looked up) and delivers them to the recommender.</summary>
public interface IClosedWindowPublisher
{
    /// <summary>Returns once every window's features are accepted; throws when they could not be delivered, so that nothing is checkpointed.</summary>
    Task PublishAsync(IReadOnlyList<ClosedWindow> windows, CancellationToken cancellationToken);
}
