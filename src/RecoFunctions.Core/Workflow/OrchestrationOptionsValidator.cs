using System.Globalization;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Resilience;

namespace RecoFunctions.Core.Workflow;

internal sealed class OrchestrationOptionsValidator : IValidateOptions<OrchestrationOptions>
{
    public ValidateOptionsResult Validate(string? name, OrchestrationOptions options)
    {
        var errors = new List<string>();
        KeyedValidation.Validate(options, OrchestrationOptions.SectionName, errors);
        if (options.ActivityFirstRetryInterval > options.ActivityMaxRetryInterval)
        {
            errors.Add(string.Format(
                CultureInfo.InvariantCulture,
                "{0}:ActivityFirstRetryInterval ({1:c}) must not exceed {0}:ActivityMaxRetryInterval ({2:c})",
                OrchestrationOptions.SectionName,
                options.ActivityFirstRetryInterval,
                options.ActivityMaxRetryInterval));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
