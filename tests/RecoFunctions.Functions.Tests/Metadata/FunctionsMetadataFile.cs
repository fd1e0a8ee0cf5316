using System.Text.Json.Nodes;

namespace RecoFunctions.Functions.Tests.Metadata;

/// <summary>
/// The <c>functions.metadata</c> the Worker SDK wrote when it built the app (copied here with the app's output): what the
/// Functions host reads to create the triggers and bindings.
/// </summary>
internal static class FunctionsMetadataFile
{
    public static JsonArray Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing: the Worker SDK writes it when RecoFunctions.Functions is built.");
        return JsonNode.Parse(File.ReadAllText(path))?.AsArray()
            ?? throw new InvalidOperationException($"{path} is not a JSON array.");
    }

    public static JsonObject Function(string name)
    {
        var function = Load().OfType<JsonObject>().SingleOrDefault(candidate => (string?)candidate["name"] == name);
        Assert.True(function is not null, $"functions.metadata has no function '{name}'.");
        return function;
    }

    public static JsonObject Binding(string function, string binding)
    {
        var bindings = Function(function)["bindings"]?.AsArray() ?? [];
        var found = bindings.OfType<JsonObject>().SingleOrDefault(candidate => (string?)candidate["name"] == binding);
        Assert.True(found is not null, $"Function '{function}' has no binding '{binding}'.");
        return found;
    }

    /// <summary>Asserts the binding has exactly these properties: a missing, different or extra one fails with the JSON of both.</summary>
    public static void AssertExactly(JsonObject expected, JsonObject actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"Expected binding{Environment.NewLine}{expected}{Environment.NewLine}but functions.metadata has{Environment.NewLine}{actual}");
}
