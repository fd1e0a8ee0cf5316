using System.Globalization;
using System.Text.Json;
using RecoFunctions.Core.Contracts;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Flows;

namespace RecoFunctions.Local.Workload;

/// <summary>
/// User interactions as sessions: a user views contents, clicks some, plays or reads them (dwell), sometimes completes,
/// likes or shares, and starts a new session after a pause. Event time is a clock of its own that advances by
/// <see cref="WorkloadSpec.InteractionSpacing"/> per event from a start that puts the last event at about the time of
/// generation, so windows close as the stream goes on and no event lies in the future. Users are keys (<c>u-…</c>);
/// contents are the content workload's ids, so the content API knows them.
/// </summary>
internal sealed class InteractionWorkload : FlowWorkload
{
    /// <summary>What the recommender receives from this flow: windowed features per user.</summary>
    public const string FeaturesKind = "features";

    /// <summary>The reason the windows give a late event.</summary>
    public const string LateRule = "late";

    /// <summary>How much older than the event clock a late event is: beyond a daily window plus any allowed lateness up to a day.</summary>
    public static readonly TimeSpan LateBy = TimeSpan.FromDays(2);

    private const string NoPermanentFailures = "Interactions have no permanent failures: an unknown content only lacks facts in the features.";

    private static readonly TimeSpan SessionGap = TimeSpan.FromMinutes(30);
    private static readonly string[] Devices = ["web", "web", "ios", "ios", "android", "android", "tv"];
    private static readonly string[] Placements = ["home-hero", "home-rail-1", "home-rail-2", "article-end", "video-next", "search-top", "app-feed"];

    private readonly int _contentKeys;
    private readonly TimeSpan _spacing;
    private readonly string?[] _ids;
    private readonly Session[] _sessions;
    private DateTimeOffset _clock;

    public InteractionWorkload(FlowDefinition flow, int keys, int contentKeys, long seed, DateTimeOffset start, TimeSpan spacing)
        : base(flow, keys, seed)
    {
        _contentKeys = contentKeys;
        _spacing = spacing;
        _ids = new string?[keys];
        _sessions = new Session[keys];
        _clock = start;
    }

    public override string DeliveryKind => FeaturesKind;

    public override string TextProperty => "sessionId";

    public override bool HasPermanentFailures => false;

    public override string KeyOf(int index) => _ids[index] ??= string.Create(CultureInfo.InvariantCulture, $"u-{1_000_000 + (index * 7L) + (long)(Trait(index, 1) % 7)}");

    /// <summary>An interaction of a user seen before, stamped <see cref="LateBy"/> before the event clock; null while no user was seen.</summary>
    public GeneratedEvent? NextLate(WorkloadRandom random)
    {
        var index = random.Next(KeyCount);
        for (var probe = 0; probe < KeyCount && _sessions[index].Id is null; probe++)
        {
            index = (index + 1) % KeyCount;
        }

        if (_sessions[index].Id is null)
        {
            return null;
        }

        var at = Tick() - LateBy - TimeSpan.FromMilliseconds(random.Next(3_600_000));
        var session = _sessions[index];
        var value = Serialize(random, "interaction.view", at, Interaction(random, index, session, ContentIdOf(session.Content), dwellMs: null, positionMs: null, placement: true));
        return new GeneratedEvent(KeyOf(index), 0, value, DeadLetterStages.Name(DeadLetterStage.Window), LateRule);
    }

    protected override byte[] Valid(WorkloadRandom random, int index, long version, DateTimeOffset now)
    {
        var at = Tick();
        ref var session = ref _sessions[index];
        if (session.Id is null || at - session.LastAt > SessionGap || random.Chance(0.02))
        {
            session = new Session(NewSessionId(random), random.Next(_contentKeys), Step.Browse, at, Devices[(int)(Trait(index, 2) % (ulong)Devices.Length)]);
        }

        var (eventType, dwellMs, positionMs) = Advance(random, ref session);
        session.LastAt = at;
        var placement = eventType is "interaction.view" or "interaction.click";
        return Serialize(random, eventType, at, Interaction(random, index, session, ContentIdOf(session.Content), dwellMs, positionMs, placement));
    }

    protected override byte[] Complete(WorkloadRandom random, int index, long version, DateTimeOffset now)
    {
        var at = Tick();
        var session = _sessions[index].Id is null
            ? new Session(NewSessionId(random), random.Next(_contentKeys), Step.Browse, at, Devices[0])
            : _sessions[index];
        return Serialize(random, "interaction.dwell", at, Interaction(random, index, session, ContentIdOf(session.Content), random.Next(1_000, 300_000), random.Next(0, 600_000), placement: true));
    }

    // The generator asks for these only where HasPermanentFailures is true.
    protected override string MissingKeyOf(int index) => throw new InvalidOperationException(NoPermanentFailures);

    protected override byte[] Unknown(WorkloadRandom random, int index, long version, DateTimeOffset now) => throw new InvalidOperationException(NoPermanentFailures);

    protected override byte[] Rejected(WorkloadRandom random, int index, string key, long version, DateTimeOffset now) => throw new InvalidOperationException(NoPermanentFailures);

    private static string NewSessionId(WorkloadRandom random) => string.Create(CultureInfo.InvariantCulture, $"s-{random.NextUInt64():x16}");

    private static string ContentIdOf(int content) => ContentWorkload.ContentIdOf(content);

    private static bool IsPlayable(int content) => ContentVocabulary.KindOf(content).Name is "video" or "podcast";

    private static byte[] Serialize(WorkloadRandom random, string eventType, DateTimeOffset at, InteractionV1 interaction) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new InteractionEventV1 { EventId = random.NextGuid().ToString(), EventType = eventType, OccurredAt = at, Interaction = interaction },
            ContractsJsonContext.Default.InteractionEventV1);

    /// <summary>The next step of a session's funnel: view, click, then play or read, then perhaps complete, like or share, then the next view.</summary>
    private (string EventType, long? DwellMs, long? PositionMs) Advance(WorkloadRandom random, ref Session session)
    {
        switch (session.Step)
        {
            case Step.Viewed when random.Chance(0.45):
                session.Step = Step.Clicked;
                return ("interaction.click", null, null);
            case Step.Clicked when IsPlayable(session.Content):
                session.Step = Step.Playing;
                return ("interaction.play", null, 0);
            case Step.Clicked:
                session.Step = Step.Engaged;
                return ("interaction.dwell", random.Next(2_000, 240_000), null);
            case Step.Playing when random.Chance(0.55):
                session.Step = Step.Engaged;
                var length = random.Next(60_000, 1_800_000);
                return ("interaction.complete", length, length);
            case Step.Playing:
                session.Step = Step.Engaged;
                var watched = random.Next(5_000, 600_000);
                return ("interaction.dwell", watched, watched);
            case Step.Engaged when random.Chance(0.12):
                session.Step = Step.Reacted;
                return ("interaction.like", null, null);
            case Step.Engaged or Step.Reacted when random.Chance(0.06):
                session.Step = Step.Browse;
                return ("interaction.share", null, null);
            default:
                session.Content = random.Next(_contentKeys);
                session.Step = Step.Viewed;
                return ("interaction.view", null, null);
        }
    }

    private InteractionV1 Interaction(WorkloadRandom random, int index, Session session, string contentId, long? dwellMs, long? positionMs, bool placement) => new()
    {
        UserId = KeyOf(index),
        ContentId = contentId,
        SessionId = session.Id,
        DwellMs = dwellMs,
        PositionMs = positionMs,
        Device = session.Device,
        PlacementId = placement ? Placements[random.Next(Placements.Length)] : null,
    };

    /// <summary>The event clock: millisecond precision, as source systems stamp their events.</summary>
    private DateTimeOffset Tick()
    {
        _clock += _spacing;
        return new DateTimeOffset(_clock.UtcTicks - (_clock.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    private enum Step
    {
        Browse,
        Viewed,
        Clicked,
        Playing,
        Engaged,
        Reacted,
    }

    private struct Session(string id, int content, Step step, DateTimeOffset lastAt, string device)
    {
        public string? Id { get; } = id;

        public int Content { get; set; } = content;

        public Step Step { get; set; } = step;

        public DateTimeOffset LastAt { get; set; } = lastAt;

        public string Device { get; } = device;
    }
}
