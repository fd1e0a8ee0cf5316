using RecoFunctions.Local.Tests.Support;

namespace RecoFunctions.Local.Tests.LiveView;

/// <summary>A tmux server of the test's own (its own socket), holding one detached session of a given size.</summary>
internal sealed class Tmux : IDisposable
{
    private const string Executable = "tmux";
    private static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(30);
    private readonly string _socket = $"reco-test-{Guid.NewGuid():N}";

    private Tmux()
    {
    }

    /// <summary>Starts <paramref name="command"/> in a detached session of <paramref name="width"/> by <paramref name="height"/> cells.</summary>
    public static Tmux Start(string command, int width, int height)
    {
        var tmux = new Tmux();
        tmux.Run("new-session", "-d", "-s", "view", "-x", width.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-y", height.ToString(System.Globalization.CultureInfo.InvariantCulture), command);
        return tmux;
    }

    /// <summary>What the screen shows now, as text.</summary>
    public string CapturePane() => Run("capture-pane", "-p", "-t", "view");

    /// <summary>Polls the screen until <paramref name="shows"/> holds; the deadline only bounds a hang.</summary>
    public async Task<string> WaitForScreenAsync(Func<string, bool> shows, TimeSpan deadline)
    {
        using var limit = new CancellationTokenSource(deadline);
        var screen = string.Empty;
        while (!limit.IsCancellationRequested)
        {
            screen = CapturePane();
            if (shows(screen))
            {
                return screen;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), limit.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        throw new TimeoutException($"the screen did not show what was expected within {deadline.TotalSeconds:0} s; last screen:{Environment.NewLine}{screen}");
    }

    public void Dispose() => Run("kill-server");

    private string Run(params string[] arguments) =>
        ExternalTool.RunAsync(Executable, ["-L", _socket, .. arguments], CommandLimit, mayFail: arguments[0] == "kill-server").GetAwaiter().GetResult();
}
