using Microsoft.Extensions.Options;
using RecoFunctions.Core.Contracts;

namespace RecoFunctions.Core.Flows;

/// <summary>The enabled flows, addressable by name and by topic.</summary>
public sealed class FlowRegistry
{
    private readonly Dictionary<string, FlowDefinition> _byName;
    private readonly Dictionary<string, FlowDefinition> _byTopic;

    public FlowRegistry(IOptions<PipelineOptions> options)
        : this(options.Value)
    {
    }

    public FlowRegistry(PipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Flows = [.. options.Flows
            .Where(pair => pair.Value.Enabled)
            .Select(pair => ToDefinition(pair.Key, pair.Value))];
        _byName = Flows.ToDictionary(flow => flow.Name, StringComparer.OrdinalIgnoreCase);
        _byTopic = Flows.ToDictionary(flow => flow.Topic, StringComparer.Ordinal);
    }

    public IReadOnlyList<FlowDefinition> Flows { get; }

    public FlowDefinition Get(string name) =>
        _byName.TryGetValue(name, out var flow)
            ? flow
            : throw new KeyNotFoundException($"No enabled flow is named '{name}'. Known flows: {string.Join(", ", _byName.Keys)}.");

    public bool TryGetByName(string name, out FlowDefinition flow) => _byName.TryGetValue(name, out flow!);

    public bool TryGetByTopic(string topic, out FlowDefinition flow) => _byTopic.TryGetValue(topic, out flow!);

    internal static bool TryParseContract(string? value, out ContractKind contract)
    {
        switch (value)
        {
            case "content.v1":
                contract = ContractKind.ContentV1;
                return true;
            case "campaign.v1":
                contract = ContractKind.CampaignV1;
                return true;
            case "interactions.v1":
                contract = ContractKind.InteractionsV1;
                return true;
            default:
                contract = default;
                return false;
        }
    }

    private static FlowDefinition ToDefinition(string name, FlowOptions options)
    {
        if (!TryParseContract(options.Contract, out var contract))
        {
            throw new InvalidOperationException($"{PipelineOptions.SectionName}:Flows:{name}:Contract '{options.Contract}' is not a known contract.");
        }

        var topic = options.Topic ?? throw new InvalidOperationException($"{PipelineOptions.SectionName}:Flows:{name}:Topic is required.");
        return new FlowDefinition(name, contract, topic, options.DeadLetterTopic ?? topic + ".dlq", [.. options.Steps]);
    }
}
