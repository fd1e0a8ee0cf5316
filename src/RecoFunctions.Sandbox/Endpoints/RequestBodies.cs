using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RecoFunctions.Core.Delivery;
using RecoFunctions.Core.Enrichment;

namespace RecoFunctions.Sandbox.Endpoints;

/// <summary>
/// Request bodies of the content and recommender services, read as the contract's types with
/// the services' generated metadata (<see cref="EnrichmentJsonContext"/>, <see cref="DeliveryJsonContext"/>), except that a member the body leaves out reads as null (or 0), not as
/// the contract's initial value: these services have always answered such bodies that way (a batch without its list
/// fails the call, an item without an id is answered without one). The initial values are for code that builds requests.
/// </summary>
internal static class RequestBodies
{
    private static readonly JsonSerializerOptions Options = new(EnrichmentJsonContext.Default.Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(EnrichmentJsonContext.Default, DeliveryJsonContext.Default)
            .WithAddedModifier(LeaveAbsentMembersNull),
    };

    public static JsonTypeInfo<DeliveryBatchRequest> DeliveryBatch { get; } = TypeInfo<DeliveryBatchRequest>();

    public static JsonTypeInfo<ContentBatchRequest> ContentBatch { get; } = TypeInfo<ContentBatchRequest>();

    public static JsonTypeInfo<KnownContentRequest> KnownContent { get; } = TypeInfo<KnownContentRequest>();

    public static JsonTypeInfo<KnownContentBatchRequest> KnownContentBatch { get; } = TypeInfo<KnownContentBatchRequest>();

    private static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    /// <summary>Creates each object with its reference-type members null; the reader then sets those the body has.</summary>
    private static void LeaveAbsentMembersNull(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object || type.CreateObject is not { } create)
        {
            return;
        }

        var setters = type.Properties
            .Where(property => !property.PropertyType.IsValueType && property.Set is not null)
            .Select(property => property.Set!)
            .ToArray();
        if (setters.Length == 0)
        {
            return;
        }

        type.CreateObject = () =>
        {
            var value = create();
            foreach (var set in setters)
            {
                set(value, null);
            }

            return value;
        };
    }
}
