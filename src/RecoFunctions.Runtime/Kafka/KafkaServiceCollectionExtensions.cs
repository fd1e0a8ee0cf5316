using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Configuration;

namespace RecoFunctions.Runtime.Kafka;

public static class KafkaServiceCollectionExtensions
{
    /// <summary>Binds the <c>Kafka</c> section and validates it at start-up; errors name the key (e.g. <c>Kafka:SessionTimeout</c>).</summary>
    public static IServiceCollection AddRecoKafka(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<KafkaOptions>()
            .Bind(configuration.GetSection(KafkaOptions.SectionName))
            .ValidateKeyedOnStart<KafkaOptions, KafkaOptionsValidator>(KafkaOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KafkaOptions>>(
            new KnownKeysValidator<KafkaOptions>(configuration, KafkaOptions.SectionName)));
        return services;
    }
}
