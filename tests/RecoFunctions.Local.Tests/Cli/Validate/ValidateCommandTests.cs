using System.Text;
using RecoFunctions.Testing.Corpus;

namespace RecoFunctions.Local.Tests.Cli.Validate;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("reco-validate-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("content")]
    [InlineData("campaign")]
    [InlineData("interactions")]
    public async Task Validate_ShippedSamples_ExitsZeroWithAValidVerdictPerLine(string flow)
    {
        var samples = Path.Combine(AppContext.BaseDirectory, "samples", $"{flow}.valid.jsonl");
        var lines = File.ReadAllLines(samples).Length;

        var run = await CliRun.InvokeAsync(["validate", "--flow", flow, samples]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Enumerable.Range(1, lines).Select(line => CliRun.Verdict(line)), run.Verdicts());
        Assert.Contains($"{lines} lines, {lines} valid, 0 invalid", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("content")]
    [InlineData("campaign")]
    [InlineData("interactions")]
    public async Task Validate_InvalidCorpus_EveryLineInvalidWithTheExpectedViolations(string flow)
    {
        var cases = ValidationCorpus.Lines(flow, "invalid");

        var run = await CliRun.InvokeAsync(["validate", "--flow", flow, ValidationCorpus.PathOf(flow, "invalid")]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(cases.Select(c => CliRun.Verdict(c.Line, c.Expected)), run.Verdicts());
        Assert.Contains($"{cases.Count} lines, 0 valid, {cases.Count} invalid", run.Error, StringComparison.Ordinal);
        Assert.Contains("violations by rule:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_InteractionsWithUserIdsEverywhere_NoIdInVerdictsOrSummary()
    {
        var samples = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "samples", "interactions.valid.jsonl"));
        var corpus = File.ReadAllLines(ValidationCorpus.PathOf("interactions", "invalid"));
        var planted = new[]
        {
            """{"eventId":"u-5521873","eventType":"u-5521873","occurredAt":"u-5521873","interaction":{"userId":"u-5521873 ","contentId":"u-5521873/x"}}""",
            """{"u-5521873":1,"interaction":{"userId":["u-5521873"],"contentId":{"u-5521873":true},"sessionId":"u-5521873","dwellMs":"u-5521873"}}""",
        };
        var path = Path.Combine(_directory, "interactions.jsonl");
        await File.WriteAllLinesAsync(path, [.. samples, .. corpus, .. planted]);

        var run = await CliRun.InvokeAsync(["validate", "--flow", "interactions", path]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(samples.Length + corpus.Length + planted.Length, run.Verdicts().Count);
        Assert.DoesNotMatch(@"u-\d{7}", run.Output);
        Assert.DoesNotMatch(@"u-\d{7}", run.Error);
    }

    [Fact]
    public async Task Validate_KeyCorpus_MatchesKeySkippedWithoutKeys()
    {
        var run = await CliRun.InvokeAsync(["validate", "--flow", "content", ValidationCorpus.PathOf("content", "key")]);

        Assert.NotEmpty(run.Verdicts());
        Assert.DoesNotContain(run.Verdicts(), verdict => verdict.Contains(" matchesKey", StringComparison.Ordinal) || verdict.Contains("$ key", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-")]
    [InlineData(null)]
    public async Task Validate_StandardInput_ReadsLinesIncludingEmptyOnes(string? file)
    {
        var sample = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "samples", "content.valid.jsonl"))[0];
        var input = Encoding.UTF8.GetBytes($"{sample}\n\n   \r\n{sample}\r\n");
        string[] args = file is null ? ["validate", "-f", "content"] : ["validate", "-f", "content", file];

        var run = await CliRun.InvokeAsync(args, input);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["1 valid", "2 invalid: $ empty", "3 invalid: $ empty", "4 valid"], run.Verdicts());
        Assert.Contains("reco validate: stdin, flow content: 4 lines, 2 valid, 2 invalid", run.Error, StringComparison.Ordinal);
        Assert.Contains("empty", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_BinaryFile_EveryLineGetsAnInvalidVerdict()
    {
        var bytes = new byte[64 * 1024];
        new Random(7).NextBytes(bytes);
        var path = Path.Combine(_directory, "random.bin");
        await File.WriteAllBytesAsync(path, bytes);
        var expectedLines = bytes.Count(b => b == (byte)'\n') + (bytes[^1] == (byte)'\n' ? 0 : 1);

        var run = await CliRun.InvokeAsync(["validate", "--flow", "campaign", path]);

        Assert.Equal(1, run.ExitCode);
        var verdicts = run.Verdicts();
        Assert.Equal(expectedLines, verdicts.Count);
        Assert.All(verdicts, verdict => Assert.Matches(@"^\d+ invalid: \$ (encoding|json|empty|notObject)$", verdict));
    }

    [Fact]
    public async Task Validate_TenMegabyteLine_RejectedBySizeAndTheNextLineStillJudged()
    {
        var sample = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "samples", "content.valid.jsonl"))[0];
        var path = Path.Combine(_directory, "huge.jsonl");
        await using (var file = File.Create(path))
        {
            file.Write(Encoding.UTF8.GetBytes(sample + "\n"));
            var chunk = Encoding.UTF8.GetBytes(new string('x', 1024 * 1024));
            file.Write("{\"eventId\":\""u8);
            for (var i = 0; i < 10; i++)
            {
                file.Write(chunk);
            }

            file.Write("\"}\r\n"u8);
            file.Write(Encoding.UTF8.GetBytes(sample));
        }

        var run = await CliRun.InvokeAsync(["validate", "--flow", "content", path]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["1 valid", "2 invalid: $ payloadTooLarge", "3 valid"], run.Verdicts());
        Assert.Contains("\"the value is 10485774 bytes; the limit is 1048576 bytes\"", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_InvalidOnly_PrintsOnlyInvalidVerdictsButCountsAll()
    {
        var sample = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "samples", "content.valid.jsonl"))[0];

        var run = await CliRun.InvokeAsync(["validate", "--flow", "content", "--invalid-only"], Encoding.UTF8.GetBytes($"{sample}\n[]\n{sample}\n"));

        Assert.Equal(["2 invalid: $ notObject"], run.Verdicts());
        Assert.Contains("3 lines, 2 valid, 1 invalid", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_EmptyInput_ExitsZeroWithNoVerdicts()
    {
        var run = await CliRun.InvokeAsync(["validate", "--flow", "content"], []);

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Contains("0 lines, 0 valid, 0 invalid", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_UnknownFlow_ExitsTwoListingTheFlows()
    {
        var run = await CliRun.InvokeAsync(["validate", "--flow", "news"], []);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Contains("--flow news: no enabled flow has this name (flows: campaign, content, interactions)", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "validate" }, "Option '--flow' is required.")]
    [InlineData(new[] { "validate", "--flow" }, "Required argument missing for option: '--flow'.")]
    [InlineData(new[] { "validate", "--flow", "content", "a.jsonl", "b.jsonl" }, "Unrecognized command or argument 'b.jsonl'.")]
    [InlineData(new[] { "validat" }, "Unrecognized command or argument 'validat'.")]
    [InlineData(new string[0], "Required command was not provided.")]
    public async Task Invoke_BadArguments_ExitsTwoWithTheError(string[] args, string message)
    {
        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Contains("reco --help", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MissingFile_ExitsTwo()
    {
        var run = await CliRun.InvokeAsync(["validate", "--flow", "content", Path.Combine(_directory, "missing.jsonl")]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot open", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_DirectoryInsteadOfFile_ExitsTwo()
    {
        var run = await CliRun.InvokeAsync(["validate", "--flow", "content", _directory]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"cannot open {_directory}", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_InvalidConfigurationFile_ExitsTwoNamingEveryKey()
    {
        var config = Path.Combine(_directory, "bad.json");
        await File.WriteAllTextAsync(config, """
            { "Pipeline": { "Flows": {
                "content": { "Validation": { "Fields": { "content.title": { "Pattern": "[", "MaxLenght": 10 } } } },
                "campaign": { "Topic": "oicms.content.v1" } } } }
            """);

        var run = await CliRun.InvokeAsync(["validate", "--flow", "content", "--config", config], []);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Contains("reco validate: Pipeline:Flows:content:Validation:Fields:content.title:Pattern: '[' is not a valid regular expression", run.Error, StringComparison.Ordinal);
        Assert.Contains("reco validate: Pipeline:Flows:content:Validation:Fields:content.title:MaxLenght is not a known setting (did you mean MaxLength?", run.Error, StringComparison.Ordinal);
        Assert.Contains("reco validate: Pipeline:Flows:content:Topic 'oicms.content.v1' is already the topic of Pipeline:Flows:campaign", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ConfigurationValueOfWrongType_ExitsTwoNamingTheKey()
    {
        var run = await CliRun.InvokeAsync(["validate", "--flow", "content"], [], new Dictionary<string, string> { ["Pipeline__MaxJsonDepth"] = "deep" });

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Pipeline:MaxJsonDepth", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ConfigurationFileThatIsNotJson_ExitsTwo()
    {
        var config = Path.Combine(_directory, "broken.json");
        await File.WriteAllTextAsync(config, "{ Pipeline: ");

        var run = await CliRun.InvokeAsync(["validate", "--flow", "content", "--config", config], []);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("broken.json", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MissingConfigurationFile_ExitsTwo()
    {
        var run = await CliRun.InvokeAsync(["validate", "--flow", "content", "--config", Path.Combine(_directory, "none.json")], []);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("none.json: the file does not exist", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_RuleTightenedByConfigurationFile_RejectsTheSample()
    {
        var config = Path.Combine(_directory, "strict.json");
        await File.WriteAllTextAsync(config, """{ "Pipeline": { "Flows": { "content": { "Validation": { "Fields": { "content.title": { "MaxLength": 10 } } } } } } }""");

        var run = await CliRun.InvokeAsync(["validate", "--flow", "content", "--config", config], SampleLine());

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["1 invalid: $.content.title maxLength"], run.Verdicts());
    }

    [Fact]
    public async Task Validate_RuleTightenedByEnvironmentVariable_RejectsTheSample()
    {
        var environment = new Dictionary<string, string> { ["Pipeline__Flows__content__Validation__Fields__content.title__MaxLength"] = "10" };

        var run = await CliRun.InvokeAsync(["validate", "--flow", "content"], SampleLine(), environment);

        Assert.Equal(["1 invalid: $.content.title maxLength"], run.Verdicts());
    }

    [Fact]
    public async Task Validate_ConfigurationFileWinsOverEnvironmentVariable()
    {
        var config = Path.Combine(_directory, "lenient.json");
        await File.WriteAllTextAsync(config, """{ "Pipeline": { "Flows": { "content": { "Validation": { "Fields": { "content.title": { "MaxLength": 500 } } } } } } }""");
        var environment = new Dictionary<string, string> { ["Pipeline__Flows__content__Validation__Fields__content.title__MaxLength"] = "10" };

        var run = await CliRun.InvokeAsync(["validate", "--flow", "content", "--config", config], SampleLine(), environment);

        Assert.Equal(0, run.ExitCode);
    }

    [Theory]
    [InlineData("--environment", "strict")]
    [InlineData("-e", "STRICT")]
    public async Task Validate_EnvironmentOption_LoadsItsFileCaseInsensitively(string option, string environment)
    {
        File.Copy(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), Path.Combine(_directory, "appsettings.json"));
        await File.WriteAllTextAsync(Path.Combine(_directory, "appsettings.Strict.json"), """{ "Pipeline": { "Flows": { "content": { "Validation": { "Fields": { "content.title": { "MaxLength": 10 } } } } } } }""");

        var run = await CliRun.InvokeAsync(["validate", "--flow", "content", option, environment], SampleLine(), baseDirectory: _directory);

        Assert.Equal(["1 invalid: $.content.title maxLength"], run.Verdicts());
    }

    [Fact]
    public async Task Validate_EnvironmentFromVariable_AppliesItsFile()
    {
        File.Copy(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), Path.Combine(_directory, "appsettings.json"));
        await File.WriteAllTextAsync(Path.Combine(_directory, "appsettings.Strict.json"), """{ "Pipeline": { "Flows": { "content": { "Validation": { "Fields": { "content.title": { "MaxLength": 10 } } } } } } }""");

        var run = await CliRun.InvokeAsync(["validate", "--flow", "content"], SampleLine(), new Dictionary<string, string> { ["RECO_ENVIRONMENT"] = "Strict" }, _directory);

        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public async Task Validate_UnknownEnvironmentOption_ExitsTwoListingTheEnvironments()
    {
        var run = await CliRun.InvokeAsync(["validate", "--flow", "content", "--environment", "Prod"], []);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("there is no appsettings.Prod.json", run.Error, StringComparison.Ordinal);
        Assert.Contains("Local, Production, Qal", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_UnknownEnvironmentFromVariable_FallsBackToTheBaseSettings()
    {
        var run = await CliRun.InvokeAsync(["validate", "--flow", "content"], SampleLine(), new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Development" });

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task Validate_MissingBaseConfiguration_ExitsTwo()
    {
        var run = await CliRun.InvokeAsync(["validate", "--flow", "content"], [], baseDirectory: _directory);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("appsettings.json is missing", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ForValidate_ExplainsEveryOptionAndTheArgument()
    {
        var run = await CliRun.InvokeAsync(["validate", "--help"]);

        Assert.Equal(0, run.ExitCode);
        foreach (var expected in new[] { "--flow <FLOW>", "--invalid-only", "--environment <ENVIRONMENT>", "--config <FILE>", "<FILE>", "Exit code: 0 all valid, 1 some invalid, 2" })
        {
            Assert.Contains(expected, run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Help_ForReco_ListsTheValidateCommand()
    {
        var run = await CliRun.InvokeAsync(["--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("validate", run.Output, StringComparison.Ordinal);
        Assert.Contains("Pipeline__MaxPayloadBytes", run.Output, StringComparison.Ordinal);
    }

    private static byte[] SampleLine() =>
        Encoding.UTF8.GetBytes(File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "samples", "content.valid.jsonl"))[0] + "\n");
}
