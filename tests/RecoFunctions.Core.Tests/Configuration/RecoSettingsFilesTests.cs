using Microsoft.Extensions.Configuration;
using RecoFunctions.Core.Configuration;

namespace RecoFunctions.Core.Tests.Configuration;

public sealed class RecoSettingsFilesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("reco-settings-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void AddRecoSettingsFiles_EnvironmentFileNamedInAnotherCase_OverridesTheBaseFile()
    {
        Write("appsettings.json", """{ "Pipeline": { "MaxJsonDepth": 8, "MaxPayloadBytes": 100 } }""");
        Write("appsettings.Qal.json", """{ "Pipeline": { "MaxJsonDepth": 16 } }""");
        var builder = new ConfigurationBuilder();

        var environmentFile = builder.AddRecoSettingsFiles(_directory, "qal");

        var configuration = builder.Build();
        Assert.Equal(Path.Combine(_directory, "appsettings.Qal.json"), environmentFile);
        Assert.Equal("16", configuration["Pipeline:MaxJsonDepth"]);
        Assert.Equal("100", configuration["Pipeline:MaxPayloadBytes"]);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData(null)]
    [InlineData(" ")]
    public void AddRecoSettingsFiles_NoFileForTheEnvironment_ReadsTheBaseFileAlone(string? environment)
    {
        Write("appsettings.json", """{ "Pipeline": { "MaxJsonDepth": 8 } }""");
        Write("appsettings.Local.json", """{ "Pipeline": { "MaxJsonDepth": 32 } }""");
        var builder = new ConfigurationBuilder();

        Assert.Null(builder.AddRecoSettingsFiles(_directory, environment));
        Assert.Equal("8", builder.Build()["Pipeline:MaxJsonDepth"]);
    }

    [Fact]
    public void AddRecoSettingsFiles_BaseFileMissing_BuildFailsNamingIt()
    {
        var builder = new ConfigurationBuilder();
        builder.AddRecoSettingsFiles(_directory, "Local");

        var error = Assert.Throws<FileNotFoundException>(() => builder.Build());
        Assert.Contains("appsettings.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KnownEnvironments_SeveralFiles_NamesEachInOrder()
    {
        Write("appsettings.json", "{}");
        Write("appsettings.Qal.json", "{}");
        Write("appsettings.Local.json", "{}");

        Assert.Equal(["Local", "Qal"], RecoSettingsFiles.KnownEnvironments(_directory));
    }

    private void Write(string name, string json) => File.WriteAllText(Path.Combine(_directory, name), json);
}
