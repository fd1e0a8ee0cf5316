using RecoFunctions.Local.Drills;

namespace RecoFunctions.Local.Tests.Drills;

public sealed class DrillReportTests
{
    [Fact]
    public void WriteTo_DrillFailedAfterItsAudit_PrintsTheMeasuredFiguresAndTheFailure()
    {
        var failed = new DrillResult("rebalance", 50_000, 47_563, 47_563, new Dictionary<string, long> { ["parse: json"] = 1_503 }, 0, 0, 0, 10.3, null, [],
            ["reco run (pid 42) after SIGTERM: run did not end within 60 s"]);

        var text = Write(failed);

        Assert.Contains("drill rebalance: FAILED", text);
        Assert.Contains("produced 50000, valid key-versions 47563, delivered 47563, dead-lettered 1503, lost 0", text);
        Assert.Contains("! reco run (pid 42) after SIGTERM: run did not end within 60 s", text);
    }

    [Fact]
    public void WriteTo_DrillBrokenOffBeforeItsAudit_SaysNothingWasMeasuredRatherThanPrintingZeros()
    {
        var text = Write(DrillResult.Broken("outage", "reco produce exited with 1"));

        Assert.Contains("not audited", text);
        Assert.DoesNotContain("produced 0", text);
        Assert.Contains("! reco produce exited with 1", text);
    }

    private static string Write(DrillResult result)
    {
        using var writer = new StringWriter();
        new DrillReport([result]).WriteTo(writer);
        return writer.ToString();
    }
}
