using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RecoFunctions.Core.Configuration;

public static class KeyedOptionsBuilderExtensions
{
    /// <summary>
    /// The one options pattern: validates the options when the host starts with the source-generated
    /// <typeparamref name="TGenerated"/> (<c>[OptionsValidator]</c>), each error named by its key under
    /// <paramref name="sectionName"/>, plus an optional check across properties that returns its error or null.
    /// </summary>
    public static OptionsBuilder<TOptions> ValidateKeyedOnStart<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions, TGenerated>(
        this OptionsBuilder<TOptions> builder, string sectionName, Func<TOptions, string?>? crossCheck = null)
        where TOptions : class
        where TGenerated : IValidateOptions<TOptions>, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Once per options name: a feature registered twice validates once, named instances each under their own key.
        if (!builder.Services.Any(descriptor => descriptor.ImplementationInstance is KeyedOptionsValidator<TOptions, TGenerated> validator && validator.OptionsName == builder.Name))
        {
            builder.Services.AddSingleton<IValidateOptions<TOptions>>(new KeyedOptionsValidator<TOptions, TGenerated>(builder.Name, sectionName, crossCheck));
        }

        return builder.ValidateOnStart();
    }
}
