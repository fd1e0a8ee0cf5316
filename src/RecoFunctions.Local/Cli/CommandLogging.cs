using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RecoFunctions.Local.Cli;

/// <summary>Logging of the commands that log: to standard error, levels from the <c>Logging</c> section.</summary>
internal static class CommandLogging
{
    public static IServiceCollection AddCommandLogging(this IServiceCollection services, IConfiguration configuration, RecoConsole console) =>
        services.AddLogging(logging => logging
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddProvider(new RecoConsoleLoggerProvider(console.Error, TimeProvider.System)));
}
