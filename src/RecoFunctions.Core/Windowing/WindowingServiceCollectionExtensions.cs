using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RecoFunctions.Core.Configuration;

namespace RecoFunctions.Core.Windowing;

public static class WindowingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <c>Windowing</c> options, validated at start-up with errors naming their keys. A configured
    /// <c>Windowing:Windows</c> list replaces the default windows as a whole rather than adding to them. The state store
    /// and the publisher are the host's to register; <see cref="InMemoryWindowStateStore"/> serves runs without infrastructure.
    /// </summary>
    public static IServiceCollection AddWindowing(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(TimeProvider.System);
        var section = configuration.GetSection(WindowingOptions.SectionName);
        services.AddOptions<WindowingOptions>()
            .Configure(options => Bind(section, options))
            .ValidateKeyedOnStart<WindowingOptions, WindowingOptionsValidator>(WindowingOptions.SectionName, WindowingOptionsChecks.Check);
        return services;
    }

    private static void Bind(IConfigurationSection section, WindowingOptions options)
    {
        // The binder appends configured list items to the defaults; configured windows are meant to replace them.
        if (section.GetSection(nameof(WindowingOptions.Windows)).GetChildren().Any())
        {
            options.Windows.Clear();
        }

        section.Bind(options);
    }
}
