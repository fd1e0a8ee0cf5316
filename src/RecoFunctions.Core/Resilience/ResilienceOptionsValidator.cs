using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Configuration;

namespace RecoFunctions.Core.Resilience;

/// <summary>
/// Validates the effective settings of every service. A bad value is reported under the key it came from: the
/// service's own key when the service sets it, otherwise the <c>Defaults</c> key (once, not once per service).
/// </summary>
internal sealed class ResilienceOptionsValidator(IConfiguration configuration) : IValidateOptions<ResilienceOptions>
{
    private static readonly ServiceResilienceOptionsValidator Generated = new();
    private static readonly GeneratedFailureKeys Keys = new(nameof(ServiceResilienceOptions));

    public ValidateOptionsResult Validate(string? name, ResilienceOptions options)
    {
        var errors = new List<string>();
        foreach (var unknown in options.UnknownSections)
        {
            errors.Add($"{ResilienceOptions.SectionName}:{unknown} names no known service (known: {string.Join(", ", ServiceNames.All)}, plus {ResilienceOptions.DefaultsKey}).");
        }

        foreach (var service in ServiceNames.All)
        {
            ValidateService(service, options.For(service), errors);
        }

        var distinct = errors.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(distinct);
    }

    private void ValidateService(string service, ServiceResilienceOptions options, List<string> errors)
    {
        string KeyOf(string relativeKey) => ResolveKey(service, relativeKey);

        errors.AddRange(Keys.Rewrite(Generated.Validate(Keys.DisplayPrefix, options), KeyOf));

        if (options.AttemptTimeout > options.TotalTimeout)
        {
            errors.Add(string.Format(
                CultureInfo.InvariantCulture,
                "{0} ({1:c}) must not exceed {2} ({3:c})",
                KeyOf(nameof(options.AttemptTimeout)),
                options.AttemptTimeout,
                KeyOf(nameof(options.TotalTimeout)),
                options.TotalTimeout));
        }

        if (options.Retry.BaseDelay > options.Retry.MaxDelay)
        {
            errors.Add(string.Format(
                CultureInfo.InvariantCulture,
                "{0} ({1:c}) must not exceed {2} ({3:c})",
                KeyOf("Retry:BaseDelay"),
                options.Retry.BaseDelay,
                KeyOf("Retry:MaxDelay"),
                options.Retry.MaxDelay));
        }
    }

    private string ResolveKey(string service, string relativeKey)
    {
        var serviceKey = $"{ResilienceOptions.SectionName}:{service}:{relativeKey}";
        return configuration[serviceKey] is not null
            ? serviceKey
            : $"{ResilienceOptions.SectionName}:{ResilienceOptions.DefaultsKey}:{relativeKey}";
    }
}
