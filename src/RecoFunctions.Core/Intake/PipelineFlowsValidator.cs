using System.Buffers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Validation;

namespace RecoFunctions.Core.Intake;

/// <summary>
/// Start-up validation of the <c>Pipeline</c> section beyond data annotations: unknown keys, flow topics and contracts,
/// and every flow's rules compiled. Reports every problem at once, each naming its configuration key.
/// </summary>
internal sealed class PipelineFlowsValidator(IConfigurationSection? section) : IValidateOptions<PipelineOptions>
{
    private const int MaxTopicLength = 249;

    private static readonly SearchValues<char> TopicCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");

    public ValidateOptionsResult Validate(string? name, PipelineOptions options)
    {
        if (name != Options.DefaultName)
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = Collect(options, section);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>All problems of <paramref name="options"/>; with <paramref name="section"/>, also keys that are not settings.</summary>
    public static List<string> Collect(PipelineOptions options, IConfigurationSection? section)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (section is not null)
        {
            PipelineConfigurationSchema.Pipeline.Check(section, errors);
        }

        var prefix = $"{PipelineOptions.SectionName}:Flows";
        if (options.Flows.Count == 0)
        {
            errors.Add($"{prefix} must define at least one flow (e.g. {prefix}:content)");
        }
        else if (!options.Flows.Values.Any(flow => flow?.Enabled == true))
        {
            errors.Add($"{prefix}: at least one flow must be enabled");
        }

        var topics = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, flow) in options.Flows.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            CheckFlow($"{prefix}:{name}", name, flow, topics, errors);
        }

        foreach (var (name, flow) in options.Flows)
        {
            if (flow?.DeadLetterTopic is { } deadLetters && topics.TryGetValue(deadLetters, out var owner))
            {
                errors.Add($"{prefix}:{name}:DeadLetterTopic '{deadLetters}' is the topic of {owner}; dead letters must not flow back into a flow");
            }
        }

        return errors;
    }

    private static void CheckFlow(string key, string name, FlowOptions? flow, Dictionary<string, string> topics, List<string> errors)
    {
        if (flow is null)
        {
            errors.Add($"{key} must be a section with Contract, Topic and Validation");
            return;
        }

        if (name.Length == 0 || name.AsSpan().ContainsAnyExcept(TopicCharacters) || name.Contains('.'))
        {
            errors.Add($"{key}: the flow name '{name}' may contain only letters, digits, '-' and '_'");
        }

        if (flow.Contract is null)
        {
            errors.Add($"{key}:Contract is required (content.v1, campaign.v1 or interactions.v1)");
        }
        else if (!FlowRegistry.TryParseContract(flow.Contract, out _))
        {
            errors.Add($"{key}:Contract '{flow.Contract}' is not a known contract (content.v1, campaign.v1, interactions.v1)");
        }

        if (string.IsNullOrWhiteSpace(flow.Topic))
        {
            errors.Add($"{key}:Topic is required");
        }
        else if (CheckTopicName(flow.Topic, $"{key}:Topic", errors))
        {
            if (topics.TryGetValue(flow.Topic, out var owner))
            {
                errors.Add($"{key}:Topic '{flow.Topic}' is already the topic of {owner}; each topic belongs to one flow");
            }
            else
            {
                topics[flow.Topic] = key;
            }
        }

        if (flow.DeadLetterTopic is not null)
        {
            CheckTopicName(flow.DeadLetterTopic, $"{key}:DeadLetterTopic", errors);
        }

        ValidatorCompiler.Compile(flow.Validation ?? new ValidationOptions(), $"{key}:Validation", errors);
    }

    private static bool CheckTopicName(string topic, string key, List<string> errors)
    {
        if (topic.Length > MaxTopicLength || topic is "." or ".." || topic.AsSpan().ContainsAnyExcept(TopicCharacters))
        {
            errors.Add($"{key} '{topic}' is not a valid Kafka topic name (letters, digits, '.', '_' and '-', at most {MaxTopicLength})");
            return false;
        }

        return true;
    }
}
