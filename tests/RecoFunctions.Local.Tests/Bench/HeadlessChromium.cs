using System.Diagnostics;

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
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var flag in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.FullName}",
            })
            {
                start.ArgumentList.Add(flag);
            }

            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(HangLimit);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish within {HangLimit.TotalSeconds:0} s: {await error}");
            }

            return process.ExitCode == 0
                ? await output
                : throw new InvalidOperationException($"chromium exited with {process.ExitCode}: {await error}");
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
