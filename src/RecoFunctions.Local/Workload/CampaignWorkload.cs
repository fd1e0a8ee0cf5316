using System.Globalization;
using System.Text.Json;
using RecoFunctions.Core.Contracts;
using RecoFunctions.Core.Delivery;
using RecoFunctions.Core.Flows;

namespace RecoFunctions.Local.Workload;

/// <summary>
/// Campaign events: <c>cmp-…</c> keys with a placement, content ids of the content key space, segments and a priority;
/// activated first, then mostly updated, sometimes paused (and resumed) or ended (and relaunched), with a schedule whose
/// end lies after its start.
/// </summary>
internal sealed class CampaignWorkload : FlowWorkload
{
    private const byte Unseen = 0;
    private const byte Active = 1;
    private const byte Paused = 2;
    private const byte Ended = 3;

    private const string Activated = "campaign.activated";
    private const string Updated = "campaign.updated";
    private const string Pausing = "campaign.paused";
    private const string Ending = "campaign.ended";

    private static readonly string[] Names =
    [
        "Winter sports push", "Weekend food picks", "New season launch", "Culture highlights", "Morning briefing promo",
        "Travel deals spotlight", "Science week", "Podcast discovery", "Recipe of the day", "Match day specials",
        "Back to school", "Festival countdown",
    ];

    private static readonly string[] Placements =
    [
        "home-hero", "home-rail-1", "home-rail-2", "sport-top", "article-end", "video-next", "search-top", "app-feed",
    ];

    private static readonly string[] Segments = [.. Enumerable.Range(1, 60).Select(i => string.Create(CultureInfo.InvariantCulture, $"seg-{i}"))];

    private readonly int _contentKeys;
    private readonly string?[] _ids;
    private readonly DateTimeOffset[] _startAt;
    private readonly DateTimeOffset[] _endAt;
    private readonly string?[] _contentIds;

    public CampaignWorkload(FlowDefinition flow, int keys, int contentKeys, long seed)
        : base(flow, keys, seed)
    {
        _contentKeys = contentKeys;
        _ids = new string?[keys];
        _startAt = new DateTimeOffset[keys];
        _endAt = new DateTimeOffset[keys];
        _contentIds = new string?[Math.Min(contentKeys, 4096)];
    }

    public override string DeliveryKind => DeliveryKinds.Campaign;

    public override string TextProperty => "name";

    public override string KeyOf(int index) => _ids[index] ??= string.Create(CultureInfo.InvariantCulture, $"cmp-{100 + index}");

    protected override byte[] Valid(WorkloadRandom random, int index, long version, DateTimeOffset now)
    {
        var eventType = States[index] switch
        {
            Active => random.NextDouble() switch
            {
                < 0.75 => Updated,
                < 0.90 => Pausing,
                _ => Ending,
            },
            Paused => random.Chance(0.7) ? Activated : Ending,
            _ => Activated,
        };
        if (eventType == Activated && States[index] is Unseen or Ended)
        {
            Schedule(random, index, now);
        }

        States[index] = eventType switch
        {
            Pausing => Paused,
            Ending => Ended,
            _ => Active,
        };
        return Serialize(random, eventType, now, Campaign(random, index, KeyOf(index), version, PlacementOf(index)));
    }

    protected override byte[] Complete(WorkloadRandom random, int index, long version, DateTimeOffset now)
    {
        if (_endAt[index] == default)
        {
            Schedule(random, index, now);
        }

        return Serialize(random, States[index] == Active ? Updated : Activated, now, Campaign(random, index, KeyOf(index), version, PlacementOf(index)));
    }

    protected override string MissingKeyOf(int index) => string.Create(CultureInfo.InvariantCulture, $"cmp-orphan-{100 + index}");

    /// <summary>A campaign on a placement that does not exist: the placement step answers notFound.</summary>
    protected override byte[] Unknown(WorkloadRandom random, int index, long version, DateTimeOffset now)
    {
        if (_endAt[index] == default)
        {
            Schedule(random, index, now);
        }

        var placement = SandboxConventions.UnknownPlacementPrefix + PlacementOf(index);
        return Serialize(random, version == 1 ? Activated : Updated, now, Campaign(random, index, MissingKeyOf(index), version, placement));
    }

    protected override byte[] Rejected(WorkloadRandom random, int index, string key, long version, DateTimeOffset now)
    {
        if (_endAt[index] == default)
        {
            Schedule(random, index, now);
        }

        return Serialize(random, version == 1 ? Activated : Updated, now, Campaign(random, index, key, version, PlacementOf(index)));
    }

    private static byte[] Serialize(WorkloadRandom random, string eventType, DateTimeOffset now, CampaignV1 campaign) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new CampaignEventV1 { EventId = random.NextGuid().ToString(), EventType = eventType, OccurredAt = now, Campaign = campaign },
            ContractsJsonContext.Default.CampaignEventV1);

    private string PlacementOf(int index) => Placements[(int)(Trait(index, 3) % (ulong)Placements.Length)];

    private void Schedule(WorkloadRandom random, int index, DateTimeOffset now)
    {
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        _startAt[index] = hour.AddHours(random.Next(0, 48));
        _endAt[index] = _startAt[index].AddDays(random.Next(7, 90)).AddSeconds(-1);
    }

    private CampaignV1 Campaign(WorkloadRandom random, int index, string campaignId, long version, string placement) => new()
    {
        CampaignId = campaignId,
        Version = version,
        Name = Names[(int)(Trait(index, 1) % (ulong)Names.Length)],
        PlacementId = placement,
        ContentIds = ContentIds(random),
        SegmentIds = SegmentIds(random),
        Priority = random.Next(0, 100),
        StartAt = _startAt[index],
        EndAt = _endAt[index],
    };

    /// <summary>One to four distinct content ids.</summary>
    private string[] ContentIds(WorkloadRandom random)
    {
        var available = Math.Min(_contentKeys, _contentIds.Length);
        var ids = new string[Math.Min(random.Next(1, 4), available)];
        var start = random.Next(available);
        var step = 1 + random.Next(Math.Max(1, (available - 1) / Math.Max(1, ids.Length)));
        for (var i = 0; i < ids.Length; i++)
        {
            var index = (int)((start + ((long)i * step)) % available);
            ids[i] = _contentIds[index] ??= ContentWorkload.ContentIdOf(index);
        }

        return ids;
    }

    private static string[] SegmentIds(WorkloadRandom random)
    {
        var count = random.Next(0, 3);
        if (count == 0)
        {
            return [];
        }

        var ids = new string[count];
        var start = random.Next(Segments.Length);
        for (var i = 0; i < count; i++)
        {
            ids[i] = Segments[(start + (i * 7)) % Segments.Length];
        }

        return ids;
    }
}
