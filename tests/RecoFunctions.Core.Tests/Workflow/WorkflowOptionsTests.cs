using Microsoft.Extensions.DependencyInjection;
using RecoFunctions.Core.Tests.Support;
using RecoFunctions.Core.Workflow;

namespace RecoFunctions.Core.Tests.Workflow;

public sealed class WorkflowOptionsTests
{
    [Fact]
    public void ToRetryBudget_BoundSection_CarriesEveryValue()
    {
        using var services = OptionsHost.Build(new Dictionary<string, string?>
        {
            ["Workflow:MaxAttemptsPerRun"] = "7",
            ["Workflow:FirstDelay"] = "00:00:00.500",
            ["Workflow:BackoffFactor"] = "3",
            ["Workflow:MaxDelay"] = "00:01:00",
            ["Workflow:MaxMessageAge"] = "02:00:00",
        });

        OptionsHost.ValidateOnStart(services);

        Assert.Equal(
            new RetryBudget(7, TimeSpan.FromMilliseconds(500), 3.0, TimeSpan.FromMinutes(1), TimeSpan.FromHours(2)),
            services.GetRequiredService<RetryBudget>());
    }

    [Theory]
    [InlineData("Workflow:MaxAttemptsPerRun", "0", "Workflow:MaxAttemptsPerRun must be between 1 and 100")]
    [InlineData("Workflow:BackoffFactor", "0.5", "Workflow:BackoffFactor must be between 1 and 10")]
    [InlineData("Workflow:MaxMessageAge", "00:00:10", "Workflow:MaxMessageAge must be between 00:01:00 and 30.00:00:00")]
    [InlineData("Workflow:FirstDelay", "00:01:00", "Workflow:FirstDelay (00:01:00) must not exceed Workflow:MaxDelay (00:00:30)")]
    public void AddRecoWorkflow_InvalidSetting_FailsAtStartNamingKey(string key, string value, string expected)
    {
        var error = OptionsHost.StartupError(new Dictionary<string, string?> { [key] = value });

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
