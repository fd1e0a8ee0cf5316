using System.Globalization;
using System.Text.RegularExpressions;
using RecoFunctions.Local.Tests.Support;
using RecoFunctions.Testing;

namespace RecoFunctions.Local.Tests.LiveView;

/// <summary>The live view as a person sees it: <c>reco demo</c> in a real terminal (tmux), its screen read back.</summary>
[Trait("Category", "Drill")]
[SkipUnless(typeof(TmuxInstalled))]
public sealed partial class TerminalLiveViewTests
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromMinutes(2);

    [ContractFact]
    public async Task Demo_InATerminal_ShowsTheLiveViewWithANonZeroRate()
    {
        var reco = Path.Combine(AppContext.BaseDirectory, "reco.dll");
        using var tmux = Tmux.Start($"dotnet '{reco}' demo --count 200000 --rate 2000", width: 160, height: 50);

        var screen = await tmux.WaitForScreenAsync(shows => RatePerSecond(shows) > 0, HangLimit);

        foreach (var label in new[] { "reco demo · ", "rate", "lag", "latency", "p50", "p99", "in flight", "breakers", "dead letters", "content-api" })
        {
            Assert.Contains(label, screen);
        }
    }

    /// <summary>The rate the live view shows, or 0 when it shows none yet.</summary>
    private static long RatePerSecond(string screen)
    {
        var match = RateRow().Match(screen);
        return match.Success ? long.Parse(match.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex(@"│ rate\s+│ ([\d,]+) msg/s")]
    private static partial Regex RateRow();
}
