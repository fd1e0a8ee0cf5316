using Microsoft.Extensions.Options;

namespace RecoFunctions.Core.Configuration;

/// <summary>
/// Runs a source-generated <c>[OptionsValidator]</c> at start-up and reports each failure under its configuration key
/// (<c>Runtime:ShutdownTimeout must be between …</c>, see <see cref="GeneratedFailureKeys"/>), then an optional check
/// across members. An empty <c>sectionName</c> stands for settings at the root (app settings named like the properties).
/// </summary>
internal sealed class KeyedOptionsValidator<TOptions, TGenerated> : IValidateOptions<TOptions>
    where TOptions : class
    where TGenerated : IValidateOptions<TOptions>, new()
{
    private readonly TGenerated _generated = new();
    private readonly string _keyPrefix;
    private readonly GeneratedFailureKeys _keys;
    private readonly Func<TOptions, string?>? _crossCheck;

    public KeyedOptionsValidator(string? optionsName, string sectionName, Func<TOptions, string?>? crossCheck = null)
    {
        OptionsName = optionsName;
        _crossCheck = crossCheck;
        _keyPrefix = sectionName.Length == 0 ? string.Empty : sectionName + ":";

        // At the root the options type stands in for the section in the generator's member paths.
        _keys = new GeneratedFailureKeys(sectionName.Length == 0 ? typeof(TOptions).Name : sectionName);
    }

    /// <summary>The options instance this validates; null for all.</summary>
    public string? OptionsName { get; }

    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        if (OptionsName is not null && OptionsName != name)
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = _keys.Rewrite(_generated.Validate(_keys.DisplayPrefix, options), path => _keyPrefix + path).ToList();
        if (_crossCheck?.Invoke(options) is { } error)
        {
            errors.Add(error);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
