using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using RecoFunctions.Core.Contracts;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Parsing;

namespace RecoFunctions.Local.Workload;

/// <summary>
/// Generates the messages of a <see cref="WorkloadSpec"/>, each with its expected fate. Deterministic: the same spec,
/// configuration and clock readings give the same messages byte for byte. Event times come from the clock, so that the
/// pipeline's future-skew rules judge them against real time. Not thread-safe; one generator per producing thread.
/// </summary>
public sealed class WorkloadGenerator
{
    private const int RecentCapacity = 1024;
    private const int MaxHoldBack = 32;

    // Written like the source-generated valid events: no escaping of '+' in offsets or of non-ASCII text.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly WorkloadSpec _spec;
    private readonly TimeProvider _timeProvider;
    private readonly WorkloadRandom _random;
    private readonly FlowWorkload? _content;
    private readonly FlowWorkload? _campaign;
    private readonly InteractionWorkload? _interactions;
    private readonly Dictionary<FlowWorkload, FlowRules> _rules = [];
    private readonly HostileValues _hostile;
    private readonly WorkloadMessage[] _recent = new WorkloadMessage[RecentCapacity];
    private readonly PriorityQueue<WorkloadMessage, long> _heldBack = new();
    private int _recentCount;
    private int _recentNext;
    private int _oversized;

    /// <exception cref="ArgumentException">The spec is invalid, or asks for a flow the configuration does not enable.</exception>
    public WorkloadGenerator(WorkloadSpec spec, PipelineOptions pipeline, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(pipeline);
        if (spec.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(spec));
        }

        _spec = spec;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _random = new WorkloadRandom(spec.Seed);
        _hostile = new HostileValues(pipeline.MaxPayloadBytes, pipeline.MaxJsonDepth, spec.OversizedBytes);
        var registry = new FlowRegistry(pipeline);
        if (spec.Flows is WorkloadFlows.Content or WorkloadFlows.Both)
        {
            var flow = FindFlow(registry, ContractKind.ContentV1, "content.v1");
            _content = new ContentWorkload(flow, spec.Keys, spec.Seed);
            _rules[_content] = FlowRules.Of(pipeline.Flows[flow.Name].Validation);
        }

        if (spec.Flows is WorkloadFlows.Campaign or WorkloadFlows.Both)
        {
            var flow = FindFlow(registry, ContractKind.CampaignV1, "campaign.v1");
            _campaign = new CampaignWorkload(flow, spec.Keys, spec.Keys, spec.Seed);
            _rules[_campaign] = FlowRules.Of(pipeline.Flows[flow.Name].Validation);
        }

        if (spec.Flows is WorkloadFlows.Interactions)
        {
            var flow = FindFlow(registry, ContractKind.InteractionsV1, "interactions.v1");
            var start = spec.InteractionStart ?? Now() - (spec.InteractionSpacing * spec.Count);
            _interactions = new InteractionWorkload(flow, spec.Keys, spec.Keys, spec.Seed, start, spec.InteractionSpacing);
            _rules[_interactions] = FlowRules.Of(pipeline.Flows[flow.Name].Validation);
        }
    }

    /// <summary>Messages generated so far.</summary>
    public long Generated { get; private set; }

    public WorkloadSpec Spec => _spec;

    /// <summary>The flows this workload feeds, with the recommender's kind of what each delivers.</summary>
    public IReadOnlyList<(FlowDefinition Flow, string DeliveryKind)> Flows =>
        [.. new[] { _content, _campaign, _interactions }.OfType<FlowWorkload>().Select(flow => (flow.Flow, flow.DeliveryKind))];

    /// <returns>False once <see cref="WorkloadSpec.Count"/> messages were generated.</returns>
    public bool TryNext([NotNullWhen(true)] out WorkloadMessage? message)
    {
        var remaining = _spec.Count - Generated;
        if (remaining <= 0)
        {
            message = null;
            return false;
        }

        if (_heldBack.TryPeek(out var held, out var due) && (due <= Generated || remaining <= _heldBack.Count))
        {
            message = _heldBack.Dequeue();
        }
        else
        {
            message = Draw(remaining - _heldBack.Count);
        }

        Generated++;
        return true;
    }

    /// <summary>All remaining messages, lazily.</summary>
    public IEnumerable<WorkloadMessage> Generate()
    {
        while (TryNext(out var message))
        {
            yield return message;
        }
    }

    private static FlowDefinition FindFlow(FlowRegistry registry, ContractKind contract, string name) =>
        registry.Flows.FirstOrDefault(flow => flow.Contract == contract)
        ?? throw new ArgumentException($"No enabled flow has Contract {name} in Pipeline:Flows; the workload cannot feed it.");

    private WorkloadMessage Draw(long unreserved)
    {
        var flow = PickFlow();
        var now = Now();
        var draw = _random.NextDouble();
        if ((draw -= _spec.InvalidShare) < 0)
        {
            return Invalid(flow, now);
        }

        if ((draw -= _spec.HostileShare) < 0)
        {
            return Hostile(flow, now);
        }

        if ((draw -= _spec.MissingShare) < 0)
        {
            if (!flow.HasPermanentFailures)
            {
                return Remember(Valid(flow, flow.NextValid(_random, now)));
            }

            var failing = flow.NextPermanentFailure(_random, now);
            return new WorkloadMessage(flow.Flow, failing.Key, failing.Value, MessageCategory.PermanentFailure, failing.Version, failing.Stage, failing.Rule,
                $"permanent: {failing.Rule} at {failing.Stage}");
        }

        if ((draw -= _spec.DuplicateShare) < 0 && _recentCount > 0)
        {
            return _recent[_random.Next(_recentCount)] with { Category = MessageCategory.Duplicate, Case = "duplicate" };
        }

        if ((draw -= _spec.OutOfOrderShare) < 0 && unreserved > 1)
        {
            return OutOfOrder(flow, now);
        }

        if ((draw -= _spec.LateShare) < 0 && flow == _interactions && _interactions.NextLate(_random) is { } late)
        {
            return new WorkloadMessage(flow.Flow, late.Key, late.Value, MessageCategory.Late, 0, late.Stage, late.Rule, "late");
        }

        return Remember(Valid(flow, flow.NextValid(_random, now)));
    }

    private FlowWorkload PickFlow() => _spec.Flows switch
    {
        WorkloadFlows.Content => _content!,
        WorkloadFlows.Campaign => _campaign!,
        WorkloadFlows.Interactions => _interactions!,
        _ => _random.Chance(_spec.ContentShare) ? _content! : _campaign!,
    };

    /// <summary>Millisecond precision, as source systems stamp their events.</summary>
    private DateTimeOffset Now()
    {
        var now = _timeProvider.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    private static WorkloadMessage Valid(FlowWorkload flow, GeneratedEvent generated) =>
        new(flow.Flow, generated.Key, generated.Value, MessageCategory.Valid, generated.Version, null, null, "valid");

    private WorkloadMessage Remember(WorkloadMessage message)
    {
        _recent[_recentNext] = message;
        _recentNext = (_recentNext + 1) % RecentCapacity;
        _recentCount = Math.Min(_recentCount + 1, RecentCapacity);
        return message;
    }

    /// <summary>Sends version n + 1 of a key now and holds version n back for a few messages.</summary>
    private WorkloadMessage OutOfOrder(FlowWorkload flow, DateTimeOffset now)
    {
        var index = _random.Next(flow.KeyCount);
        var older = flow.NextValid(_random, index, now);
        var newer = flow.NextValid(_random, index, now);
        var heldMessage = Valid(flow, older) with { Category = MessageCategory.OutOfOrder, Case = "out of order" };
        _heldBack.Enqueue(heldMessage, Generated + 1 + _random.Next(MaxHoldBack));
        return Remember(Valid(flow, newer));
    }

    private WorkloadMessage Invalid(FlowWorkload flow, DateTimeOffset now)
    {
        var rules = _rules[flow];
        var complete = flow.NextComplete(_random, now);
        if (rules.Violations.Count == 0)
        {
            return Hostile(flow, now);
        }

        var violation = rules.Violations[_random.Next(rules.Violations.Count)];
        var root = JsonNode.Parse(complete.Value)!.AsObject();
        var context = new ViolationContext(complete.Key, now);
        violation.Apply(root, context);
        return new WorkloadMessage(flow.Flow, context.Key, Serialize(root), MessageCategory.Invalid, 0, PipelineStage.Validate, violation.Rule, $"invalid: {violation.Name}");
    }

    private WorkloadMessage Hostile(FlowWorkload flow, DateTimeOffset now)
    {
        var kinds = _rules[flow].HostileKinds;
        var kind = kinds[_random.Next(kinds.Length)];
        if (kind == HostileKind.Oversized && _oversized++ >= _spec.MaxOversized)
        {
            kind = HostileKind.Truncated;
        }

        var complete = flow.NextComplete(_random, now);
        var value = _hostile.Build(kind, complete.Value, flow.TextProperty, _random);
        var (stage, rule) = HostileValues.Expected(kind);
        var key = kind == HostileKind.MissingKey ? null : complete.Key;
        return new WorkloadMessage(flow.Flow, key, value, MessageCategory.Hostile, 0, stage, rule, $"hostile: {kind}");
    }

    private static byte[] Serialize(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            node.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private sealed record FlowRules(IReadOnlyList<RuleViolation> Violations, HostileKind[] HostileKinds)
    {
        public static FlowRules Of(ValidationOptions validation) => new(
            RuleViolations.For(validation),
            HostileValues.KindsFor(validation.CrossField.Any(rule => string.Equals(rule.Rule, RuleNames.MatchesKey, StringComparison.OrdinalIgnoreCase))));
    }
}
