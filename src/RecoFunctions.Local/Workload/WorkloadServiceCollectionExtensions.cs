using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RecoFunctions.Core.Intake;
using RecoFunctions.Runtime.Kafka;

namespace RecoFunctions.Local.Workload;

public static class WorkloadServiceCollectionExtensions
{
    /// <summary>
    /// What producing and auditing workloads need: the pipeline's flows and rules (<c>Pipeline</c>) and the Kafka client
    /// settings (<c>Kafka</c>), both validated at start-up.
    /// </summary>
    public static IServiceCollection AddRecoWorkload(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddRecoPipeline(configuration);
        services.AddRecoKafka(configuration);
        return services;
    }
}
