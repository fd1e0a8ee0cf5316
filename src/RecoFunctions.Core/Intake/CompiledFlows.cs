using Microsoft.Extensions.Options;
using RecoFunctions.Core.Contracts;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Privacy;
using RecoFunctions.Core.Validation;

namespace RecoFunctions.Core.Intake;

/// <summary>The validators of all enabled flows, compiled once at start-up, addressable by topic and by flow name.</summary>
internal sealed class CompiledFlows
{
    private readonly Dictionary<string, CompiledFlow> _byTopic;
    private readonly Dictionary<string, CompiledFlow> _byName;

    /// <summary>Compiles the rules of every enabled flow; the pseudonymiser is asked for only when a flow carries user ids, so that other configurations need no key.</summary>
    public CompiledFlows(PipelineOptions options, FlowRegistry registry, Func<UserPseudonymiser> pseudonymiser)
    {
        ArgumentNullException.ThrowIfNull(pseudonymiser);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(registry);
        var errors = new List<string>();
        var flows = new List<CompiledFlow>();
        foreach (var definition in registry.Flows)
        {
            var key = $"{PipelineOptions.SectionName}:Flows:{definition.Name}:Validation";
            var validator = ValidatorCompiler.Compile(options.Flows[definition.Name].Validation, key, errors);
            if (validator is not null)
            {
                flows.Add(new CompiledFlow(definition, validator, CreateMapper(definition.Contract, validator, pseudonymiser)));
            }
        }

        if (errors.Count > 0)
        {
            throw new OptionsValidationException(PipelineOptions.SectionName, typeof(PipelineOptions), errors);
        }

        _byTopic = flows.ToDictionary(flow => flow.Definition.Topic, StringComparer.Ordinal);
        _byName = flows.ToDictionary(flow => flow.Definition.Name, StringComparer.OrdinalIgnoreCase);
    }

    public bool TryGetByTopic(string topic, out CompiledFlow flow) => _byTopic.TryGetValue(topic, out flow!);

    public bool TryGetByName(string name, out CompiledFlow flow) => _byName.TryGetValue(name, out flow!);

    private static IEventMapper CreateMapper(ContractKind contract, FlowValidator validator, Func<UserPseudonymiser> pseudonymiser) => contract switch
    {
        ContractKind.ContentV1 => new ContentEventMapper(sourceUrlValidated: validator.ChecksUrlAt("content", "sourceUrl")),
        ContractKind.CampaignV1 => new CampaignEventMapper(),
        ContractKind.InteractionsV1 => new InteractionEventMapper(pseudonymiser()),
        _ => throw new ArgumentOutOfRangeException(nameof(contract), contract, "No mapper exists for this contract."),
    };
}
