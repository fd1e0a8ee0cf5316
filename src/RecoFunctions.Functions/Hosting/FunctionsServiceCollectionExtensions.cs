using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RecoFunctions.Core.CircuitState;
using RecoFunctions.Core.Configuration;
using RecoFunctions.Core.Intake;
using RecoFunctions.Core.Processing;
using RecoFunctions.Core.Workflow;
using RecoFunctions.Functions.CircuitState;
using RecoFunctions.Functions.DeadLetters;
using RecoFunctions.Functions.Interactions;
using RecoFunctions.Functions.Planning;
using RecoFunctions.Functions.Triggers;

namespace RecoFunctions.Functions.Hosting;

public static class FunctionsServiceCollectionExtensions
{
    /// <summary>
    /// Everything the functions need: the pipeline (intake), resilience with the shared breaker state (its synchroniser
    /// runs as a hosted service; the store is the Azure Table one when <c>CircuitState:Store</c> is <c>AzureTable</c>),
    /// the workflow's retry budget, the orchestration settings, the downstream services and batch processor, the
    /// dead-letter producer and the start-up lag-threshold check. Every options class is validated at start-up.
    /// </summary>
    public static IServiceCollection AddRecoFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddTableCircuitStateStore(configuration);
        services.AddRecoPipeline(configuration);
        services.AddRecoResilience(configuration);
        services.AddRecoWorkflow(configuration);
        services.AddRecoOrchestration(configuration);
        services.AddRecoServices(configuration);
        services.AddRecoInteractions(configuration);

        services.AddOptions<KafkaProducerOptions>()
            .Configure(options =>
            {
                options.KafkaBrokerList = configuration[KafkaTriggerSettings.BrokerList];
                options.KafkaUsername = configuration[KafkaTriggerSettings.Username];
                options.KafkaPassword = configuration[KafkaTriggerSettings.Password];
                if (int.TryParse(configuration[nameof(KafkaProducerOptions.KafkaDeadLetterTimeoutMs)], NumberStyles.Integer, CultureInfo.InvariantCulture, out var timeout))
                {
                    options.KafkaDeadLetterTimeoutMs = timeout;
                }
            })
            .ValidateKeyedOnStart<KafkaProducerOptions, KafkaProducerOptionsValidator>(sectionName: string.Empty);
        services.TryAddSingleton<IDeadLetterProducer, KafkaDeadLetterProducer>();
        services.TryAddSingleton<KafkaBatchTrigger>();
        services.AddHostedService<LagThresholdStartupCheck>();
        return services;
    }
}
