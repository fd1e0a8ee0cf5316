using System.Globalization;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Resilience;

namespace RecoFunctions.Core.Workflow;

internal sealed class WorkflowOptionsValidator : IValidateOptions<WorkflowOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkflowOptions options)
    {
        var errors = new List<string>();
        KeyedValidation.Validate(options, WorkflowOptions.SectionName, errors);
        if (options.FirstDelay > options.MaxDelay)
        {
            errors.Add(string.Format(
                CultureInfo.InvariantCulture,
                "{0}:FirstDelay ({1:c}) must not exceed {0}:MaxDelay ({2:c})",
                WorkflowOptions.SectionName,
                options.FirstDelay,
                options.MaxDelay));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
