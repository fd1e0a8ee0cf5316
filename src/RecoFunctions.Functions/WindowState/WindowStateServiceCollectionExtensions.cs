using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Configuration;
using RecoFunctions.Core.Windowing;
using RecoFunctions.Functions.Tables;

namespace RecoFunctions.Functions.WindowState;

public static class WindowStateServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="TableWindowStateStore"/> as the <see cref="IWindowStateStore"/>, from the <c>WindowState</c>
    /// section. When <paramref name="required"/> (the interactions flow is enabled), start-up fails unless the table's
    /// endpoint or a connection string is set.
    /// </summary>
    public static IServiceCollection AddTableWindowStateStore(this IServiceCollection services, IConfiguration configuration, bool required)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        const string section = TableWindowStateOptions.SectionName;
        services.AddOptions<TableWindowStateOptions>()
            .Configure(options =>
            {
                configuration.GetSection(section).Bind(options);
                options.ManagedIdentityClientId ??= configuration["AZURE_CLIENT_ID"];
            })
            .ValidateKeyedOnStart<TableWindowStateOptions, TableWindowStateOptionsValidator>(section, options =>
                required && string.IsNullOrWhiteSpace(options.TableServiceUri) && string.IsNullOrWhiteSpace(options.ConnectionString)
                    ? $"{section}:TableServiceUri or {section}:ConnectionString must be set: the interactions flow keeps its window state in Table Storage."
                    : null);
        services.TryAddSingleton<IWindowStateStore>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<TableWindowStateOptions>>().Value;
            var table = TableClients.Create(section, "The interactions flow keeps its window state in Table Storage", options.ConnectionString, options.TableServiceUri, options.TableName, options.ManagedIdentityClientId);
            return new TableWindowStateStore(table, provider.GetService<ILogger<TableWindowStateStore>>());
        });
        return services;
    }
}
