using System.Text.Json.Serialization;

namespace RecoFunctions.Core.Domain;

/// <summary>
/// A validated event of any flow. Delivery is idempotent on (<see cref="Key"/>, <see cref="Version"/>).
/// The JSON discriminator lets batches cross process boundaries (durable activities) without losing the type.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$flow")]
[JsonDerivedType(typeof(ContentEvent), "content")]
[JsonDerivedType(typeof(CampaignEvent), "campaign")]
[JsonDerivedType(typeof(InteractionEvent), "interactions")]
public abstract record PipelineEvent(string EventId, DateTimeOffset OccurredAt)
{
    public abstract string Key { get; }

    public abstract long Version { get; }

    /// <summary>The event type exactly as it appeared on the wire, e.g. <c>content.published</c>.</summary>
    public abstract string EventTypeName { get; }
}
