using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RecoFunctions.Local.Cli.Shared;

namespace RecoFunctions.Local.Cli.Sandbox;

/// <summary>Talks to a running sandbox's <c>/_sandbox</c> endpoints for the <c>reco sandbox</c> subcommands.</summary>
internal static class SandboxControl
{
    public static Option<Uri> UrlOption(string name = "--url", string alias = "-u") => new(name, alias)
    {
        Description = $"Address of the sandbox, as 'reco sandbox' prints it.",
        HelpName = "URL",
        DefaultValueFactory = _ => new Uri(SandboxCommand.DefaultUrl),
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
            {
                return url;
            }

            result.AddError($"'{text}' is not an http(s) URL.");
            return null;
        },
    };

    public static HttpClient Client(Uri url) => new()
    {
        BaseAddress = new Uri(url.ToString().TrimEnd('/') + "/"),
        Timeout = TimeSpan.FromSeconds(10),
    };

    public static async Task<int> GetAsync(RecoConsole console, string command, Uri url, string path, CancellationToken cancellationToken)
    {
        using var client = Client(url);
        return await SendAsync(console, command, url, () => client.GetAsync(path, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public static async Task<int> PostAsync<T>(RecoConsole console, string command, Uri url, string path, T body, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var client = Client(url);
        return await SendAsync(console, command, url, () => client.PostAsJsonAsync(path, body, type, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Prints a JSON answer indented on standard output; an error answer goes to standard error.</summary>
    private static async Task<int> SendAsync(RecoConsole console, string command, Uri url, Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await send().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return await CommandFailure.ReportAsync(console, command, [$"cannot reach the sandbox at {url}: {exception.Message}"], ExitCodes.Findings).ConfigureAwait(false);
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var problem = $"the sandbox answered {(int)response.StatusCode}: {ErrorMessage(body)}";
                return await CommandFailure.ReportAsync(console, command, [problem], (int)response.StatusCode == 400 ? ExitCodes.Usage : ExitCodes.Findings).ConfigureAwait(false);
            }

            WriteIndented(console.OutputStream, body);
            return ExitCodes.Success;
        }
    }

    /// <summary>The <c>message</c> of a service error answer, or the body as text.</summary>
    private static string ErrorMessage(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("message"u8, out var message) &&
                message.ValueKind == JsonValueKind.String)
            {
                return message.GetString()!.ReplaceLineEndings(" ");
            }
        }
        catch (JsonException)
        {
            // Not JSON: shown as it is.
        }

        return System.Text.Encoding.UTF8.GetString(body);
    }

    private static void WriteIndented(Stream output, byte[] json)
    {
        using (var document = JsonDocument.Parse(json))
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true }))
        {
            document.WriteTo(writer);
        }

        output.Write("\n"u8);
        output.Flush();
    }
}
