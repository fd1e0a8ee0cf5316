using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace RecoFunctions.Core.Configuration;

/// <summary>
/// Checks the DataAnnotations of an options object and reports each failure under its full configuration key
/// (e.g. <c>Resilience:content-api:Retry:MaxAttempts must be between 0 and 20</c>), which the stock validator cannot do.
/// Typed per options class so that trimming keeps the properties it reads.
/// </summary>
public static class KeyedValidation
{
    /// <summary>The message format of the numeric ranges, shared by all options classes.</summary>
    public const string RangeMessage = "{0} must be between {1} and {2}";

    public static void Validate<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(
        T instance, string keyPrefix, ICollection<string> errors)
        where T : class =>
        Validate(instance, relativePrefix: string.Empty, relativeKey => $"{keyPrefix}:{relativeKey}", errors);

    /// <param name="instance">The options object.</param>
    /// <param name="relativePrefix">Key of <paramref name="instance"/> relative to its section, e.g. <c>Retry</c>; empty for the section itself.</param>
    /// <param name="resolveKey">Turns a relative key (<c>Retry:MaxAttempts</c>) into the configuration key to report.</param>
    /// <param name="errors">Receives one message per failed check.</param>
    public static void Validate<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(
        T instance, string relativePrefix, Func<string, string> resolveKey, ICollection<string> errors)
        where T : class
    {
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var value = property.GetValue(instance);
            foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>(inherit: true))
            {
                if (!attribute.IsValid(value))
                {
                    var relativeKey = relativePrefix.Length == 0 ? property.Name : $"{relativePrefix}:{property.Name}";
                    errors.Add(attribute.FormatErrorMessage(resolveKey(relativeKey)));
                }
            }
        }
    }
}
