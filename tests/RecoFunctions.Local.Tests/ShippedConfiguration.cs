using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Intake;

namespace RecoFunctions.Local.Tests;

/// <summary>The shipped config/appsettings.json (copied next to the tests), bound and validated as <c>reco</c> does.</summary>
internal static class ShippedConfiguration
{
    private static readonly Lazy<PipelineOptions> Options = new(() =>
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false, reloadOnChange: false)
            .Build();
        using var services = new ServiceCollection().AddRecoPipeline(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<PipelineOptions>>().Value;
    });

    public static PipelineOptions Pipeline => Options.Value;

    public static FlowRegistry Flows => new(Pipeline);

    public static MessageIntake Intake(TimeProvider timeProvider) => MessageIntake.Create(Pipeline, timeProvider);
}
