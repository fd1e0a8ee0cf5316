using System.Diagnostics;
using System.Text.Json.Nodes;

namespace RecoFunctions.Functions.Tests.Infrastructure;

/// <summary>infra/main.bicep compiled by bicep to its ARM template: the parameters as the deployment sees them.</summary>
internal static class CompiledTemplate
{
    private static readonly Lazy<JsonObject> Template = new(Compile);

    public static JsonObject Parameters => Template.Value["parameters"]!.AsObject();

    private static JsonObject Compile()
    {
        var bicep = Repository.Bicep;
        Assert.True(System.IO.File.Exists(bicep), $"{bicep} is missing: restoring this project downloads Azure.Bicep.CommandLine.linux-x64.");
        if (!OperatingSystem.IsWindows())
        {
            // NuGet does not keep the executable bit.
            System.IO.File.SetUnixFileMode(bicep, System.IO.File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute);
        }
        var start = new ProcessStartInfo(bicep) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "build", Repository.File("infra/main.bicep"), "--stdout" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{bicep} did not start.");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"bicep build failed ({process.ExitCode}): {errors.Result}");
        return JsonNode.Parse(output)!.AsObject();
    }
}
