using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Contracts;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Privacy;

namespace RecoFunctions.Core.Intake;

public static class PrivacyServiceCollectionExtensions
{
    /// <summary>
    /// Binds the <c>Privacy</c> section (validated at start-up: the key is required while a flow carries user ids) and
    /// registers the <see cref="UserPseudonymiser"/> and the <see cref="DeadLetterRedactor"/> of the enabled flows.
    /// Called by <see cref="PipelineServiceCollectionExtensions.AddRecoPipeline"/>.
    /// </summary>
    public static IServiceCollection AddRecoPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PrivacyOptions>()
            .Bind(configuration.GetSection(PrivacyOptions.SectionName))
            .ValidateOnStart();
        // Read from the configuration, not from IOptions<PipelineOptions>: that would report the Pipeline's own problems a second time.
        var pipeline = configuration.GetSection(PipelineOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PrivacyOptions>, PseudonymKeyValidator>(
            _ => new PseudonymKeyValidator(() => CarriesUserIds(pipeline))));
        services.TryAddSingleton(provider => new UserPseudonymiser(provider.GetRequiredService<IOptions<PrivacyOptions>>().Value));
        services.TryAddSingleton(provider => CreateRedactor(provider.GetRequiredService<FlowRegistry>(), provider.GetRequiredService<UserPseudonymiser>));
        return services;
    }

    /// <summary>Whether the configured <c>Pipeline</c> section enables a flow with contract <c>interactions.v1</c> (an unreadable Enabled counts as enabled).</summary>
    private static bool CarriesUserIds(IConfigurationSection pipeline) =>
        pipeline.GetSection("Flows").GetChildren().Any(flow =>
            !string.Equals(flow["Enabled"], "false", StringComparison.OrdinalIgnoreCase)
            && FlowRegistry.TryParseContract(flow["Contract"], out var contract)
            && contract == ContractKind.InteractionsV1);

    /// <summary>The redactor for the flows of <paramref name="registry"/>: their topics that carry user ids, and a pseudonymiser only if there are any.</summary>
    public static DeadLetterRedactor CreateRedactor(FlowRegistry registry, Func<UserPseudonymiser> pseudonymiser)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(pseudonymiser);
        var topics = registry.Flows.Where(flow => flow.Contract == ContractKind.InteractionsV1).Select(flow => flow.Topic).ToList();
        return topics.Count == 0 ? DeadLetterRedactor.None : new DeadLetterRedactor(topics, pseudonymiser());
    }
}
