using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RecoFunctions.Local.Cli.Shared;

/// <summary>Logging of the commands that log: to standard error, levels from the <c>Logging</c> section.</summary>
internal static class CommandLogging
{
    public static IServiceCollection AddCommandLogging(this IServiceCollection services, IConfiguration configuration, RecoConsole console) =>
        services.AddCommandLogging(configuration, new RecoConsoleLoggerProvider(console.Error, TimeProvider.System));

    /// <summary>As above with a provider the command keeps (e.g. to draw a live view in step with the log).</summary>
    public static IServiceCollection AddCommandLogging(this IServiceCollection services, IConfiguration configuration, RecoConsoleLoggerProvider provider) =>
        services.AddLogging(logging => logging
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddProvider(provider));
}
