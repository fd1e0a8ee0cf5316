using System.Globalization;
using System.Text.Json;
using RecoFunctions.Core.Contracts;
using RecoFunctions.Core.Delivery;
using RecoFunctions.Core.Flows;

namespace RecoFunctions.Local.Workload;

/// <summary>
/// Content events: ids like <c>art-1029</c> whose prefix follows the kind, a title, locale, tags and source URL per
/// content; published first, then mostly updated, sometimes unpublished and published again.
/// </summary>
internal sealed class ContentWorkload : FlowWorkload
{
    private const byte Unseen = 0;
    private const byte Live = 1;
    private const byte Unpublished = 2;

    private const string Published = "content.published";
    private const string Updated = "content.updated";
    private const string Unpublishing = "content.unpublished";

    private readonly string?[] _ids;
    private readonly string?[] _urls;
    private readonly DateTimeOffset[] _publishedAt;

    public ContentWorkload(FlowDefinition flow, int keys, long seed)
        : base(flow, keys, seed)
    {
        _ids = new string?[keys];
        _urls = new string?[keys];
        _publishedAt = new DateTimeOffset[keys];
    }

    public override string DeliveryKind => DeliveryKinds.Item;

    public override string TextProperty => "title";

    /// <summary>The content id of key <paramref name="index"/>, the same in every workload: campaigns refer to them.</summary>
    public static string ContentIdOf(int index) => string.Create(
        CultureInfo.InvariantCulture, $"{ContentVocabulary.KindOf(index).Prefix}-{1000 + index}");

    public override string KeyOf(int index) => _ids[index] ??= ContentIdOf(index);

    protected override byte[] Valid(WorkloadRandom random, int index, long version, DateTimeOffset now)
    {
        var state = States[index];
        string eventType;
        if (state == Live)
        {
            eventType = random.Chance(0.92) ? Updated : Unpublishing;
        }
        else
        {
            eventType = Published;
            _publishedAt[index] = now;
        }

        States[index] = eventType == Unpublishing ? Unpublished : Live;
        return eventType == Unpublishing
            ? Serialize(random, eventType, now, Removal(index, version))
            : Serialize(random, eventType, now, Full(random, index, KeyOf(index), version, eventType == Updated));
    }

    protected override byte[] Complete(WorkloadRandom random, int index, long version, DateTimeOffset now)
    {
        if (States[index] == Unseen)
        {
            _publishedAt[index] = now;
        }

        return Serialize(random, States[index] == Live ? Updated : Published, now, Full(random, index, KeyOf(index), version, updated: false));
    }

    protected override string MissingKeyOf(int index) => SandboxConventions.MissingContentPrefix + KeyOf(index);

    protected override byte[] Unknown(WorkloadRandom random, int index, long version, DateTimeOffset now)
    {
        if (_publishedAt[index] == default)
        {
            _publishedAt[index] = now;
        }

        return Serialize(random, version == 1 ? Published : Updated, now, Full(random, index, MissingKeyOf(index), version, updated: version > 1));
    }

    protected override byte[] Rejected(WorkloadRandom random, int index, string key, long version, DateTimeOffset now)
    {
        if (_publishedAt[index] == default)
        {
            _publishedAt[index] = now;
        }

        return Serialize(random, version == 1 ? Published : Updated, now, Full(random, index, key, version, updated: version > 1));
    }

    private static byte[] Serialize(WorkloadRandom random, string eventType, DateTimeOffset now, ContentV1 content) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new ContentEventV1 { EventId = random.NextGuid().ToString(), EventType = eventType, OccurredAt = now, Content = content },
            ContractsJsonContext.Default.ContentEventV1);

    private ContentV1 Full(WorkloadRandom random, int index, string contentId, long version, bool updated)
    {
        var kind = ContentVocabulary.KindOf(index);
        var title = ContentVocabulary.Titles[(int)(Trait(index, 1) % (ulong)ContentVocabulary.Titles.Length)];
        return new ContentV1
        {
            ContentId = contentId,
            Version = version,
            Kind = kind.Name,
            Title = updated && random.Chance(0.3) ? title + " (updated)" : title,
            Locale = ContentVocabulary.LocaleOf(Trait(index, 2)),
            SourceUrl = _urls[index] ??= string.Create(CultureInfo.InvariantCulture, $"https://cms.example/{kind.Path}/{1000 + index}"),
            Tags = ContentVocabulary.PickTags(random),
            PublishedAt = _publishedAt[index],
        };
    }

    private ContentV1 Removal(int index, long version) => new()
    {
        ContentId = KeyOf(index),
        Version = version,
        Kind = ContentVocabulary.KindOf(index).Name,
        SourceUrl = _urls[index],
    };
}
