using RecoFunctions.Local.Cli.Shared;

namespace RecoFunctions.Local.Tests.Cli.Shared;

public sealed class RecoConfigurationTests
{
    [Theory]
    [InlineData("Qal", "Production", "Local", "Qal")]
    [InlineData(null, "Production", "Qal", "Production")]
    [InlineData(null, null, "Qal", "Qal")]
    [InlineData(null, "", "Qal", "Qal")]
    [InlineData(" ", null, null, "Local")]
    public void ResolveEnvironment_OptionThenRecoThenDotnetVariableThenLocal(string? option, string? reco, string? dotnet, string expected)
    {
        var variables = new Dictionary<string, string>();
        if (reco is not null)
        {
            variables["RECO_ENVIRONMENT"] = reco;
        }

        if (dotnet is not null)
        {
            variables["DOTNET_ENVIRONMENT"] = dotnet;
        }

        var console = new RecoConsole(Stream.Null, Stream.Null, TextWriter.Null, AppContext.BaseDirectory, variables);

        Assert.Equal(expected, RecoConfiguration.ResolveEnvironment(option, console));
    }

    [Fact]
    public void Build_LocalEnvironmentByDefault_LayersVariablesOverFiles()
    {
        var console = new RecoConsole(Stream.Null, Stream.Null, TextWriter.Null, AppContext.BaseDirectory, new Dictionary<string, string>
        {
            ["Pipeline__MaxJsonDepth"] = "12",
        });

        var configuration = RecoConfiguration.Build(console, environmentOption: null, configFile: null);

        Assert.Equal("12", configuration["Pipeline:MaxJsonDepth"]);
        Assert.Equal("1048576", configuration["Pipeline:MaxPayloadBytes"]);
    }
}
