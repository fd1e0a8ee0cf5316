using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RecoFunctions.Functions.Triggers;
using YamlDotNet.RepresentationModel;

namespace RecoFunctions.Functions.Tests.Infrastructure;

/// <summary>azure.yaml and infra/main.parameters.json agree with the parameters of the compiled infra/main.bicep.</summary>
public sealed partial class InfrastructureParametersTests
{
    private static JsonObject ParameterFile =>
        JsonNode.Parse(File.ReadAllText(Repository.File("infra/main.parameters.json")))!["parameters"]!.AsObject();

    [Fact]
    public void ParameterFile_NamesOnlyTemplateParameters()
    {
        var unknown = ParameterFile.Select(entry => entry.Key).Where(name => !CompiledTemplate.Parameters.ContainsKey(name));

        Assert.Empty(unknown);
    }

    [Fact]
    public void ParameterFile_GivesEveryParameterWithoutDefault()
    {
        var required = CompiledTemplate.Parameters.Where(entry => entry.Value!["defaultValue"] is null).Select(entry => entry.Key).ToList();

        Assert.Equal(["environmentName", "location", "kafkaBrokerList"], required);
        Assert.All(required, name => Assert.True(ParameterFile.ContainsKey(name), $"main.parameters.json does not give {name}."));
    }

    [Fact]
    public void ParameterFile_DefaultsAreAllowedValues()
    {
        foreach (var (name, entry) in ParameterFile)
        {
            var allowed = CompiledTemplate.Parameters[name]!["allowedValues"]?.AsArray().Select(value => value!.ToString()).ToList();
            var match = EnvironmentDefault().Match((string?)entry!["value"] ?? string.Empty);
            if (allowed is not null && match.Success)
            {
                Assert.True(allowed.Contains(match.Groups["default"].Value), $"{name}: default '{match.Groups["default"].Value}' is not one of {string.Join(", ", allowed)}");
            }
        }
    }

    [Fact]
    public void Template_KafkaDefaultsMatchTheAppsCompiledValuesAndHostJson()
    {
        var maxRetries = (int)JsonNode.Parse(File.ReadAllText(Repository.File("host.json")))!["extensions"]!["kafka"]!["maxRetries"]!;

        Assert.Equal(KafkaTriggerSettings.LagThreshold, (long)CompiledTemplate.Parameters["kafkaLagThreshold"]!["defaultValue"]!);
        Assert.Equal(maxRetries, (int)CompiledTemplate.Parameters["kafkaMaxRetries"]!["defaultValue"]!);
    }

    [Fact]
    public void Template_DurableBackendsAreTheOnesTheBuildKnows()
    {
        var backends = CompiledTemplate.Parameters["durableBackend"]!["allowedValues"]!.AsArray().Select(value => value!.ToString());

        Assert.Equal(["azureStorage", "scheduler"], backends.Order());
        Assert.Equal("azureStorage", (string?)CompiledTemplate.Parameters["durableBackend"]!["defaultValue"]);
        Assert.Equal("${DURABLE_BACKEND=azureStorage}", (string?)ParameterFile["durableBackend"]!["value"]);
    }

    [Fact]
    public void AzureYaml_FunctionsServiceIsTheFunctionsProjectAndTheTemplatesServiceTag()
    {
        var yaml = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(Repository.File("azure.yaml"))))
        {
            yaml.Load(reader);
        }

        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
        var service = Assert.Single(services.Children);
        var settings = (YamlMappingNode)service.Value;
        var project = Path.GetFullPath(Path.Combine(Repository.Root, ((YamlScalarNode)settings["project"]).Value!));

        Assert.True(File.Exists(Path.Combine(project, "RecoFunctions.Functions.csproj")), $"azure.yaml's project {project} is not the Functions app.");
        Assert.Equal(("dotnet", "function"), (((YamlScalarNode)settings["language"]).Value, ((YamlScalarNode)settings["host"]).Value));
        // azd finds the app to deploy to by the tag azd-service-name = the service's name.
        Assert.Equal(((YamlScalarNode)service.Key).Value, FunctionAppServiceTag());
    }

    private static string FunctionAppServiceTag()
    {
        var module = File.ReadAllText(Repository.File("infra/modules/functionapp.bicep"));
        var main = File.ReadAllText(Repository.File("infra/main.bicep"));
        Assert.Contains("'azd-service-name': azdServiceName", module, StringComparison.Ordinal);
        return ServiceNameArgument().Match(main) is { Success: true } match
            ? match.Groups["name"].Value
            : throw new InvalidOperationException("infra/main.bicep passes no azdServiceName to the function app module.");
    }

    [GeneratedRegex(@"^\$\{[A-Z_]+=(?<default>[^}]*)\}$")]
    private static partial Regex EnvironmentDefault();

    [GeneratedRegex(@"azdServiceName:\s*'(?<name>[^']+)'")]
    private static partial Regex ServiceNameArgument();
}
