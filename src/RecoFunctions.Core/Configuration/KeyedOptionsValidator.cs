using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace RecoFunctions.Core.Configuration;

/// <summary>
/// Runs a source-generated <c>[OptionsValidator]</c> and reports each failure under its configuration key
/// (<c>Runtime:ShutdownTimeout must be between …</c>): the generator names members <c>Section.Member</c> and its
/// <c>[Range]</c> ignores <c>ErrorMessage</c>, so the member path is rewritten into the key here, once for all options.
/// An empty <c>sectionName</c> stands for settings at the root (app settings named like the properties).
/// </summary>
internal sealed class KeyedOptionsValidator<TOptions, TGenerated> : IValidateOptions<TOptions>
    where TOptions : class
    where TGenerated : IValidateOptions<TOptions>, new()
{
    private readonly TGenerated _generated = new();
    private readonly string _keyPrefix;
    private readonly string _displayPrefix;
    private readonly Regex _memberPath;
    private readonly Func<TOptions, string?>? _crossCheck;

    public KeyedOptionsValidator(string? optionsName, string sectionName, Func<TOptions, string?>? crossCheck = null)
    {
        OptionsName = optionsName;
        _crossCheck = crossCheck;
        _keyPrefix = sectionName.Length == 0 ? string.Empty : sectionName + ":";

        // At the root the generator's "<name>.Member" gets the options type as its name.
        _displayPrefix = sectionName.Length == 0 ? typeof(TOptions).Name : sectionName;

        // "[Member: ]…[The field ]Section.Member[.Nested]…" → "…Section:Member[:Nested]…"
        _memberPath = new Regex(
            $@"^(?:[\w, ]+: )?(?<lead>.*?)(?:The field )?{Regex.Escape(_displayPrefix)}\.(?<path>\w+(?:\.\w+)*)",
            RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));
    }

    /// <summary>The options instance this validates; null for all.</summary>
    public string? OptionsName { get; }

    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        if (OptionsName is not null && OptionsName != name)
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = new List<string>();
        if (_generated.Validate(_displayPrefix, options) is { Failed: true, Failures: { } failures })
        {
            errors.AddRange(failures.Select(ToKey));
        }

        if (_crossCheck?.Invoke(options) is { } error)
        {
            errors.Add(error);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private string ToKey(string failure) =>
        _memberPath.Replace(failure, match => match.Groups["lead"].Value + _keyPrefix + match.Groups["path"].Value.Replace('.', ':'), count: 1);
}
