using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RecoFunctions.Functions.Hosting;

BuildSwitches.EnsureKafkaExtension();

var builder = FunctionsApplication.CreateBuilder(args);

// No HTTP triggers, so no ASP.NET Core integration (ConfigureFunctionsWebApplication) is needed.
builder.Configuration.AddRecoConfigurationFiles(builder.Environment.EnvironmentName);

builder.Services
    .AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights();

// The Application Insights provider adds a rule that keeps only warnings and above; the pipeline's own levels
// (Logging section of the configuration) decide instead.
builder.Logging.Services.Configure<LoggerFilterOptions>(options =>
{
    var rule = options.Rules.FirstOrDefault(candidate =>
        candidate.ProviderName == "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider");
    if (rule is not null)
    {
        options.Rules.Remove(rule);
    }
});

builder.Services.AddRecoFunctions(builder.Configuration);

builder.Build().Run();
