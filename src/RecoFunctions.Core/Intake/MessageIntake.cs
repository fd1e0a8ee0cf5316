using Microsoft.Extensions.Options;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Parsing;
using RecoFunctions.Core.Privacy;
using RecoFunctions.Core.Validation;

namespace RecoFunctions.Core.Intake;

/// <summary>
/// The first two stages of both runtimes: parse a message value and validate it against its flow's configured rules,
/// producing a domain event or the violations that send it to the dead-letter topic. Never throws for bad input.
/// </summary>
public sealed class MessageIntake
{
    private readonly CompiledFlows _flows;
    private readonly JsonPayloadParser _parser;
    private readonly TimeProvider _timeProvider;

    internal MessageIntake(CompiledFlows flows, JsonPayloadParser parser, TimeProvider timeProvider)
    {
        _flows = flows;
        _parser = parser;
        _timeProvider = timeProvider;
    }

    /// <summary>The largest value accepted; hosts that read values in pieces can refuse larger ones early (<see cref="RejectOversized"/>).</summary>
    public int MaxPayloadBytes => _parser.MaxPayloadBytes;

    /// <summary>Builds an intake outside dependency injection (tests, benchmarks, tools).</summary>
    /// <exception cref="OptionsValidationException">The options are invalid; the failures name the configuration keys.</exception>
    public static MessageIntake Create(PipelineOptions options, TimeProvider? timeProvider = null) => Create(options, privacy: null, timeProvider);

    /// <summary>Builds an intake outside dependency injection, with the <c>Privacy</c> settings that flows carrying user ids need.</summary>
    /// <exception cref="OptionsValidationException">
    /// The options are invalid, or a flow carries user ids and <paramref name="privacy"/> has no usable key; the failures name the configuration keys.
    /// </exception>
    public static MessageIntake Create(PipelineOptions options, PrivacyOptions? privacy, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = PipelineFlowsValidator.Collect(options, section: null);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(PipelineOptions.SectionName, typeof(PipelineOptions), errors);
        }

        return new MessageIntake(
            new CompiledFlows(options, new FlowRegistry(options), () => new UserPseudonymiser(privacy ?? new PrivacyOptions())),
            new JsonPayloadParser(options.MaxPayloadBytes, options.MaxJsonDepth),
            timeProvider ?? TimeProvider.System);
    }

    /// <summary>Accepts a Kafka record: the flow is the one that reads its topic, and its key must match where a rule says so.</summary>
    public IntakeResult Accept(KafkaMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_flows.TryGetByTopic(message.Topic, out var flow))
        {
            return Reject(message.Id, PipelineStage.Parse, new Violation("$", RuleNames.Flow, $"no enabled flow reads topic '{message.Topic}'"));
        }

        return Accept(flow, message.Id, message.Value, message.Key, keyKnown: true);
    }

    /// <summary>
    /// Accepts a value for a given flow. <paramref name="keyKnown"/> is false where values have no keys (e.g. a file):
    /// then <c>matchesKey</c> rules are skipped.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="flow"/> is not an enabled flow of this intake.</exception>
    public IntakeResult Accept(FlowDefinition flow, MessageId id, ReadOnlyMemory<byte> value, string? key, bool keyKnown)
    {
        ArgumentNullException.ThrowIfNull(flow);
        if (!_flows.TryGetByName(flow.Name, out var compiled))
        {
            throw new ArgumentException($"Flow '{flow.Name}' is not an enabled flow.", nameof(flow));
        }

        return Accept(compiled, id, value, key, keyKnown);
    }

    /// <summary>The verdict for a value that was too large to be read at all; the same as <see cref="Accept(KafkaMessage)"/> gives for it.</summary>
    public IntakeResult RejectOversized(MessageId id, long length) =>
        Reject(id, PipelineStage.Parse, JsonPayloadParser.TooLarge(length, _parser.MaxPayloadBytes).Violation!);

    private IntakeResult Accept(CompiledFlow flow, MessageId id, ReadOnlyMemory<byte> value, string? key, bool keyKnown)
    {
        var parsed = _parser.Parse(value);
        if (parsed.Violation is { } parseViolation)
        {
            return Reject(id, PipelineStage.Parse, parseViolation);
        }

        using var document = parsed.Document!;
        var run = new ValidationRun(key, keyKnown, _timeProvider);
        flow.Validator.Validate(document.RootElement, ref run);
        var violations = run.Violations;
        if (violations is not null)
        {
            return new IntakeResult(id, null, violations, PipelineStage.Validate);
        }

        var domainEvent = flow.Mapper.Map(document.RootElement, ref violations);
        return domainEvent is not null
            ? new IntakeResult(id, domainEvent, [], PipelineStage.Validate)
            : new IntakeResult(id, null, violations!, PipelineStage.Validate);
    }

    private static IntakeResult Reject(MessageId id, string stage, Violation violation) => new(id, null, [violation], stage);
}
