using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Configuration;

namespace RecoFunctions.Core.Workflow;

public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <c>Workflow</c> options (validated at start-up, errors naming the key) and the
    /// <see cref="RetryBudget"/> they describe.
    /// </summary>
    public static IServiceCollection AddRecoWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var section = configuration.GetSection(WorkflowOptions.SectionName);
        services.AddOptions<WorkflowOptions>().Configure(options => section.Bind(options)).ValidateKeyedOnStart<WorkflowOptions, WorkflowOptionsValidator>(
            WorkflowOptions.SectionName,
            static options => options.FirstDelay > options.MaxDelay
                ? string.Format(CultureInfo.InvariantCulture, "{0}:FirstDelay ({1:c}) must not exceed {0}:MaxDelay ({2:c})", WorkflowOptions.SectionName, options.FirstDelay, options.MaxDelay)
                : null);
        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<WorkflowOptions>>().Value.ToRetryBudget());
        return services;
    }
}
