using System.Collections.Concurrent;
using RecoFunctions.Core.Contracts;
using RecoFunctions.Core.Flows;

namespace RecoFunctions.Core.Enrichment;

/// <summary>Resolves a flow's configured step names to the registered steps, once per flow.</summary>
internal sealed class EnrichmentStepCatalog
{
    private readonly Dictionary<string, EnrichmentStepDescriptor> _descriptors = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, IReadOnlyList<IEnrichmentStep>> _byFlow = new(StringComparer.OrdinalIgnoreCase);
    private readonly IServiceProvider _services;

    public EnrichmentStepCatalog(IEnumerable<EnrichmentStepDescriptor> descriptors, IServiceProvider services)
    {
        foreach (var descriptor in descriptors)
        {
            _descriptors[descriptor.Name] = descriptor;
        }

        _services = services;
    }

    public IReadOnlyList<IEnrichmentStep> StepsFor(FlowDefinition flow) =>
        _byFlow.GetOrAdd(flow.Name, static (_, state) => state.Catalog.Resolve(state.Flow), (Catalog: this, Flow: flow));

    /// <summary>Why <paramref name="step"/> cannot run at <paramref name="index"/> of a flow's steps, worded with its configuration key; null when it can.</summary>
    public static string? Check(IReadOnlyDictionary<string, EnrichmentStepDescriptor> descriptors, string flow, ContractKind contract, int index, string? step)
    {
        var key = $"{PipelineOptions.SectionName}:Flows:{flow}:Steps:{index}";
        if (string.IsNullOrWhiteSpace(step) || !descriptors.TryGetValue(step, out var descriptor))
        {
            var known = string.Join(", ", descriptors.Keys.Order(StringComparer.Ordinal));
            return $"{key} '{step}' is not a known enrichment step (known steps: {known})";
        }

        return descriptor.Contract == contract
            ? null
            : $"{key} '{step}' enriches {ContractName(descriptor.Contract)} flows, not {ContractName(contract)}";
    }

    private static string ContractName(ContractKind contract) => contract switch
    {
        ContractKind.ContentV1 => "content.v1",
        ContractKind.CampaignV1 => "campaign.v1",
        _ => contract.ToString(),
    };

    private IReadOnlyList<IEnrichmentStep> Resolve(FlowDefinition flow)
    {
        var steps = new IEnrichmentStep[flow.Steps.Count];
        for (var i = 0; i < steps.Length; i++)
        {
            if (Check(_descriptors, flow.Name, flow.Contract, i, flow.Steps[i]) is { } error)
            {
                throw new InvalidOperationException(error);
            }

            steps[i] = _descriptors[flow.Steps[i]].Factory(_services);
        }

        return steps;
    }
}
