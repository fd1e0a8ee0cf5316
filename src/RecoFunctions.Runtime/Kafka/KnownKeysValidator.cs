using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace RecoFunctions.Runtime.Kafka;

/// <summary>
/// Refuses keys of a section that the options class does not have: the binder would ignore a misspelt
/// <c>Runtime:MaxBatchSise</c> and run with the default, so it is a start-up error naming the key instead.
/// </summary>
internal sealed class KnownKeysValidator<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(IConfiguration configuration, string sectionName)
    : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var known = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.CanWrite)
            .Select(property => property.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = configuration.GetSection(sectionName).GetChildren()
            .Where(child => !known.Contains(child.Key))
            .Select(child => $"{child.Path} is not a setting (settings of {sectionName}: {string.Join(", ", known.Order(StringComparer.Ordinal))})")
            .ToList();
        return unknown.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(unknown);
    }
}
