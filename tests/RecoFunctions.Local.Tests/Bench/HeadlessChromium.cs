using RecoFunctions.Local.Tests.Support;

namespace RecoFunctions.Local.Tests.Bench;

/// <summary>Debian's chromium, headless, on a fresh profile, with none of its background connections (the machine has no network).</summary>
internal static class HeadlessChromium
{
    public const string Executable = "/usr/bin/chromium";

    private static readonly TimeSpan HangLimit = TimeSpan.FromMinutes(2);

    /// <summary>The page's DOM after it loaded, serialized.</summary>
    public static Task<string> DumpDomAsync(string file) => RunAsync("--dump-dom", new Uri(file).AbsoluteUri);

    /// <summary>A PNG of the page at <paramref name="width"/> by <paramref name="height"/> pixels.</summary>
    public static Task<string> ScreenshotAsync(string file, string png, int width, int height) =>
        RunAsync($"--screenshot={png}", $"--window-size={width},{height}", "--hide-scrollbars", new Uri(file).AbsoluteUri);

    private static async Task<string> RunAsync(params string[] arguments)
    {
        var profile = Directory.CreateTempSubdirectory("reco-chromium-");
        try
        {
            string[] flags =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.FullName}",
            ];
            return await ExternalTool.RunAsync(Executable, [.. flags, .. arguments], HangLimit);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
