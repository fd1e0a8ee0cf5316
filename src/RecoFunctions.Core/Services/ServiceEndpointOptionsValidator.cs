using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace RecoFunctions.Core.Services;

/// <summary>
/// Checks the DataAnnotations of each named <see cref="ServiceEndpointOptions"/> and words every failure with its
/// configuration key, e.g. <c>Services:content-api:BaseUrl is required</c>.
/// </summary>
/// <remarks>The members are listed here rather than discovered, so that validation stays trim-safe.</remarks>
internal sealed class ServiceEndpointOptionsValidator : IValidateOptions<ServiceEndpointOptions>
{
    private static readonly Member[] Members =
    [
        Rules(nameof(ServiceEndpointOptions.BaseUrl), options => options.BaseUrl),
        Rules(nameof(ServiceEndpointOptions.ApiKeyHeader), options => options.ApiKeyHeader),
        Rules(nameof(ServiceEndpointOptions.Timeout), options => options.Timeout),
        Rules(nameof(ServiceEndpointOptions.BatchSize), options => options.BatchSize),
        Rules(nameof(ServiceEndpointOptions.MaxConcurrency), options => options.MaxConcurrency),
    ];

    public ValidateOptionsResult Validate(string? name, ServiceEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(name))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        var results = new List<ValidationResult>();
        foreach (var member in Members)
        {
            var key = $"{ServiceEndpointOptions.SectionName}:{name}:{member.Name}";
            var context = new ValidationContext(options, key, null, null) { MemberName = member.Name };
            results.Clear();
            if (!Validator.TryValidateValue(member.Read(options), context, results, member.Attributes))
            {
                failures.AddRange(results.Select(result => result.ErrorMessage ?? $"{key} is invalid"));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static Member Rules(string property, Func<ServiceEndpointOptions, object?> read) =>
        new(property, read, [.. typeof(ServiceEndpointOptions).GetProperty(property)!.GetCustomAttributes<ValidationAttribute>(inherit: true)]);

    private sealed record Member(string Name, Func<ServiceEndpointOptions, object?> Read, ValidationAttribute[] Attributes);
}
