using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace RecoFunctions.Core.Configuration;

/// <summary>
/// Validates an options section's DataAnnotations with errors named by full key, plus an optional check across
/// properties (which returns its error, or null).
/// </summary>
internal sealed class KeyedOptionsValidator<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TOptions>(
    string sectionName, Func<TOptions, string?>? crossCheck = null) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var errors = new List<string>();
        KeyedValidation.Validate(options, sectionName, errors);
        if (crossCheck?.Invoke(options) is { } error)
        {
            errors.Add(error);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
