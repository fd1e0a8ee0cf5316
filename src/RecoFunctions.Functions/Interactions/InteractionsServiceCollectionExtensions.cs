using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Privacy;
using RecoFunctions.Core.Windowing;
using RecoFunctions.Functions.Triggers;
using RecoFunctions.Functions.WindowState;

namespace RecoFunctions.Functions.Interactions;

public static class InteractionsServiceCollectionExtensions
{
    /// <summary>
    /// The interactions flow in the Functions app: the <c>Windowing</c> options, the publisher of closed windows (needs
    /// <c>AddRecoServices</c> first), the Table Storage window-state store (required, with its keys checked at start-up,
    /// when <c>Pipeline:Flows:interactions</c> is enabled), the partitions held open between invocations and the batch
    /// handler the trigger calls; a pseudonym key that is an unresolved Key Vault reference fails start-up.
    /// </summary>
    public static IServiceCollection AddRecoInteractions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddWindowing(configuration);
        services.AddWindowFeatures(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PrivacyOptions>, UnresolvedKeyVaultReferenceValidator>());
        services.AddTableWindowStateStore(configuration, required: IsEnabled(configuration));
        services.TryAddSingleton<OpenPartitions>();
        services.TryAddSingleton<InteractionBatchHandler>();
        return services;
    }

    /// <summary>Configured under <c>Pipeline:Flows:interactions</c> and not switched off with <c>Enabled: false</c>.</summary>
    internal static bool IsEnabled(IConfiguration configuration)
    {
        var flow = configuration.GetSection($"Pipeline:Flows:{FlowNames.Interactions}");
        return flow.Exists() && !string.Equals(flow["Enabled"], bool.FalseString, StringComparison.OrdinalIgnoreCase);
    }
}
