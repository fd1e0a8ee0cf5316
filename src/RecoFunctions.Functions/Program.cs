using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RecoFunctions.Functions.Hosting;
using RecoFunctions.Functions.Telemetry;

BuildSwitches.EnsureKafkaExtension();

var builder = FunctionsApplication.CreateBuilder(args);

// No HTTP triggers, so no ASP.NET Core integration (ConfigureFunctionsWebApplication) is needed.
builder.Configuration.AddRecoConfigurationFiles(builder.Environment.EnvironmentName);

builder.Services.AddRecoFunctions(builder.Configuration);
builder.Services.AddRecoFunctionsTelemetry(builder.Configuration);

builder.Build().Run();
