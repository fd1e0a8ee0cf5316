using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Intake;
using RecoFunctions.Core.Parsing;
using RecoFunctions.Core.Privacy;
using RecoFunctions.Testing;

namespace RecoFunctions.Core.Tests.Support;

/// <summary>The pipeline as the product builds it: the shipped configuration, bound and validated through dependency injection.</summary>
internal static class TestPipeline
{
    /// <summary>A pseudonym key for tests only (the shipped base configuration has none and leaves the interactions flow off).</summary>
    public const string PseudonymKey = "test-pseudonym-key-0123456789abcdef-0123456789";

    public static string ConfigDirectory => Path.Combine(AppContext.BaseDirectory, "config");

    /// <summary>Overrides that enable the interactions flow with <see cref="PseudonymKey"/>.</summary>
    public static Dictionary<string, string?> WithInteractions() => new()
    {
        ["Pipeline:Flows:interactions:Enabled"] = "true",
        ["Privacy:PseudonymKey"] = PseudonymKey,
    };

    /// <summary>The pseudonymiser of <see cref="PseudonymKey"/>.</summary>
    public static UserPseudonymiser Pseudonymiser() => new(new PrivacyOptions { PseudonymKey = PseudonymKey });

    public static IConfigurationRoot Configuration(IDictionary<string, string?>? overrides = null, string? environment = null)
    {
        var builder = new ConfigurationBuilder().AddJsonFile(Path.Combine(ConfigDirectory, "appsettings.json"), optional: false);
        if (environment is not null)
        {
            builder.AddJsonFile(Path.Combine(ConfigDirectory, $"appsettings.{environment}.json"), optional: false);
        }

        return builder.AddInMemoryCollection(overrides ?? new Dictionary<string, string?>()).Build();
    }

    public static ServiceProvider Services(IConfiguration configuration, TimeProvider? timeProvider = null)
    {
        var services = new ServiceCollection();
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        return services.AddRecoPipeline(configuration).BuildServiceProvider();
    }

    /// <summary>The intake of the shipped configuration with a clock stopped at <see cref="TestClock.Start"/>.</summary>
    public static MessageIntake Intake(IDictionary<string, string?>? overrides = null, TimeProvider? timeProvider = null)
    {
        var provider = Services(Configuration(overrides), timeProvider ?? TestClock.Create());
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider.GetRequiredService<MessageIntake>();
    }

    public static FlowRegistry Flows(IDictionary<string, string?>? overrides = null) =>
        Services(Configuration(overrides)).GetRequiredService<FlowRegistry>();

    /// <summary>What start-up validation reports for <paramref name="configuration"/>.</summary>
    public static IReadOnlyList<string> StartupErrors(IConfiguration configuration)
    {
        using var provider = Services(configuration);
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (OptionsValidationException exception)
        {
            return [.. exception.Failures];
        }
    }

    public static IReadOnlyList<string> StartupErrors(IDictionary<string, string?> overrides) => StartupErrors(Configuration(overrides));

    public static string Format(Violation violation) => $"{violation.Path} {violation.Rule}";
}
