using Microsoft.Extensions.Options;
using RecoFunctions.Core.Flows;

namespace RecoFunctions.Core.Enrichment;

/// <summary>Fails start-up when an enabled flow names a step that is not registered or serves another contract.</summary>
internal sealed class FlowStepsValidator(IEnumerable<EnrichmentStepDescriptor> descriptors) : IValidateOptions<PipelineOptions>
{
    private readonly Dictionary<string, EnrichmentStepDescriptor> _descriptors =
        descriptors.GroupBy(d => d.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);

    public ValidateOptionsResult Validate(string? name, PipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (flow, flowOptions) in options.Flows)
        {
            // A contract that does not parse is reported by the flow validation; steps cannot be judged without one.
            if (!flowOptions.Enabled || !FlowRegistry.TryParseContract(flowOptions.Contract, out var contract))
            {
                continue;
            }

            for (var i = 0; i < flowOptions.Steps.Count; i++)
            {
                if (EnrichmentStepCatalog.Check(_descriptors, flow, contract, i, flowOptions.Steps[i]) is { } error)
                {
                    failures.Add(error);
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
