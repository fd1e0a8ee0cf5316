using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Functions.Triggers;

namespace RecoFunctions.Functions.Hosting;

/// <summary>
/// Warns at start-up when the <c>KafkaLagThreshold</c> app setting (the deployment's intent) differs from the
/// triggers' compiled <see cref="KafkaTriggerSettings.LagThreshold"/> (what the scaler actually uses).
/// </summary>
internal sealed partial class LagThresholdStartupCheck(IConfiguration configuration, ILogger<LagThresholdStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var warning = LagThresholdCheck.Compare(
            KafkaTriggerSettings.LagThreshold, configuration[KafkaTriggerSettings.LagThresholdSetting], KafkaTriggerSettings.LagThresholdSetting);
        if (warning is not null)
        {
            LagThresholdMismatch(logger, warning);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void LagThresholdMismatch(ILogger logger, string warning);
}
