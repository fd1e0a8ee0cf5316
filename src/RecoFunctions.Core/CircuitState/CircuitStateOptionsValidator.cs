using Microsoft.Extensions.Options;
using RecoFunctions.Core.Resilience;

namespace RecoFunctions.Core.CircuitState;

internal sealed class CircuitStateOptionsValidator : IValidateOptions<CircuitStateOptions>
{
    public ValidateOptionsResult Validate(string? name, CircuitStateOptions options)
    {
        var errors = new List<string>();
        KeyedValidation.Validate(options, CircuitStateOptions.SectionName, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
