using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RecoFunctions.Functions.Hosting;
using RecoFunctions.Testing;

namespace RecoFunctions.Functions.Tests.Interactions;

public sealed class InteractionsStartupTests
{
    private const string Key = "functions-tests-pseudonym-key-0123456789";

    [Fact]
    public void AddRecoFunctions_InteractionsEnabledWithoutAWindowStateTable_FailsAtStartNamingTheKeys()
    {
        var failures = StartupFailures.Of(Build(new() { ["Privacy:PseudonymKey"] = Key }));

        Assert.Contains(
            "WindowState:TableServiceUri or WindowState:ConnectionString must be set: the interactions flow keeps its window state in Table Storage.",
            failures);
    }

    [Fact]
    public void AddRecoFunctions_PseudonymKeyIsAnUnresolvedKeyVaultReference_FailsAtStartWithoutShowingIt()
    {
        const string reference = "@Microsoft.KeyVault(SecretUri=https://kv-reco.vault.azure.net/secrets/pseudonym-key/)";

        var failures = StartupFailures.Of(Build(new() { ["Privacy:PseudonymKey"] = reference, ["WindowState:ConnectionString"] = "UseDevelopmentStorage=true" }));

        var failure = Assert.Single(failures, failure => failure.StartsWith("Privacy:PseudonymKey is a Key Vault reference that did not resolve", StringComparison.Ordinal));
        Assert.DoesNotContain("kv-reco", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRecoFunctions_InteractionsDisabled_NoWindowStateTableNeeded()
    {
        var configuration = Configuration(new() { ["Pipeline:Flows:interactions:Enabled"] = "false" });
        using var services = new ServiceCollection().AddRecoFunctions(configuration).BuildServiceProvider();

        services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
    }

    [Fact]
    public void AddRecoFunctions_WindowStateTableNameNotATableName_FailsAtStartNamingTheKey()
    {
        var failures = StartupFailures.Of(Build(new() { ["Privacy:PseudonymKey"] = Key, ["WindowState:ConnectionString"] = "UseDevelopmentStorage=true", ["WindowState:TableName"] = "window-state" }));

        Assert.Contains("WindowState:TableName must be a table name: a letter, then 2 to 62 letters or digits.", failures);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings["Pipeline:Flows:interactions:Enabled"] = "true";
        return new ServiceCollection().AddRecoFunctions(Configuration(settings)).BuildServiceProvider();
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "config", "appsettings.json"), optional: false)
        .AddInMemoryCollection(new Dictionary<string, string?> { ["KafkaBrokerList"] = "127.0.0.1:9" })
        .AddInMemoryCollection(settings)
        .Build();
}
