using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace RecoFunctions.Core.Configuration;

public static class KeyedOptionsBuilderExtensions
{
    /// <summary>
    /// Validates the options when the host starts, with DataAnnotations errors named by their full key under
    /// <paramref name="sectionName"/> and an optional check across properties (<see cref="KeyedOptionsValidator{TOptions}"/>).
    /// </summary>
    public static OptionsBuilder<TOptions> ValidateKeyedOnStart<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(
        this OptionsBuilder<TOptions> builder, string sectionName, Func<TOptions, string?>? crossCheck = null)
        where TOptions : class
    {
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>>(new KeyedOptionsValidator<TOptions>(sectionName, crossCheck)));
        return builder.ValidateOnStart();
    }
}
