using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RecoFunctions.Runtime.Hosting;

/// <summary>Builds a command's services and runs start-up validation, so that bad configuration stops it before any work.</summary>
internal static class CommandServices
{
    /// <exception cref="RecoStartupException">The configuration is invalid; the problems name their keys.</exception>
    public static ServiceProvider Build(IConfiguration configuration, Action<IServiceCollection, IConfiguration> register)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(register);
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        register(services, configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        try
        {
            provider.GetService<IStartupValidator>()?.Validate();
            return provider;
        }
        catch (OptionsValidationException exception)
        {
            provider.Dispose();
            throw new RecoStartupException(exception.Failures);
        }
        catch (InvalidOperationException exception)
        {
            // The binder's conversion errors, e.g. "Failed to convert configuration value at 'Pipeline:MaxJsonDepth' to type 'System.Int32'."
            provider.Dispose();
            throw new RecoStartupException(exception.Message, exception);
        }
    }
}
