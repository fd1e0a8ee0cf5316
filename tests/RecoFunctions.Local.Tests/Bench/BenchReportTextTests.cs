using RecoFunctions.Local.Bench;
using RecoFunctions.Local.Bench.Report;

namespace RecoFunctions.Local.Tests.Bench;

/// <summary>The line that says what bounds the pipeline at maximum rate.</summary>
public sealed class BenchReportTextTests
{
    private static readonly WaitFigures KeyOrderBound = new(1445, 1326, 200_000, 134.8, 66.3);

    [Fact]
    public void WaitsLine_MachineLessThanNineTenthsBusyAndBatchesWaitedLongest_NamesPerKeyOrder()
    {
        var line = BenchReportText.WaitsLine(KeyOrderBound, 16_860, 1.26, 2, 4.2);

        Assert.Equal(
            "waits: deliveries waited for earlier batches of their keys 2 x as long as they ran (1,326 of 1,445 batches, 134.8 s against 66.3 s); "
            + "peak messages in flight 16,860; machine 1.26 of 2 cores busy: bound by per-key order, not the processor",
            line);
    }

    [Fact]
    public void WaitsLine_WorkflowsRanLongerThanBatchesWaited_NamesTheServiceCalls()
    {
        var line = BenchReportText.WaitsLine(KeyOrderBound with { WaitedSeconds = 47.7, RanSeconds = 63.3 }, 100, 1.2, 2, 4.2);

        Assert.EndsWith(": bound by the workflows' service calls and delivery, not the processor", line, StringComparison.Ordinal);
        Assert.Contains("0.8 x as long as they ran", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.8)]
    [InlineData(2.0)]
    public void WaitsLine_NineTenthsOfTheCoresBusy_BoundByTheProcessor(double busy)
    {
        var line = BenchReportText.WaitsLine(KeyOrderBound with { HeldSeconds = 4 }, 100, busy, 2, 4.2);

        Assert.EndsWith(" cores busy: bound by the processor", line, StringComparison.Ordinal);
    }

    [Fact]
    public void WaitsLine_HeldAtTheInFlightLimitHalfThePhaseOrMore_NamesTheLimitAndWhatItsMessagesWaitedOn()
    {
        var line = BenchReportText.WaitsLine(KeyOrderBound with { WaitedSeconds = 28.9, RanSeconds = 73.1, HeldSeconds = 2.1 }, 20_000, 1.76, 2, 4.2);

        Assert.EndsWith(
            "peak messages in flight 20,000, the limit reached (nothing taken) 2.1 s of 4.2 s; machine 1.76 of 2 cores busy: "
            + "bound by the in-flight limit (Runtime:MaxInFlightMessages), its messages waiting longest on the workflows' service calls and delivery, not the processor",
            line,
            StringComparison.Ordinal);
    }

    [Fact]
    public void WaitsLine_PhaseUnderNineTenthsButEverySecondAfterTheFirstOver_BoundByTheProcessorAfterStartUp()
    {
        var line = BenchReportText.WaitsLine(KeyOrderBound with { HeldSeconds = 0.7 }, 20_000, 1.74, 2, 2.6, Series(1.41, 1.93, 1.88));

        Assert.EndsWith(
            "machine 1.74 of 2 cores busy: bound by the processor after start-up (1.88 of 2 cores busy or more in every second after the first, 1.41 in the first)",
            line,
            StringComparison.Ordinal);
    }

    [Fact]
    public void WaitsLine_TwoSecondsTheSecondOverNineTenths_BoundByTheProcessorAfterStartUp()
    {
        var line = BenchReportText.WaitsLine(KeyOrderBound, 20_000, 1.79, 2, 2.6, Series(1.52, 1.95));

        Assert.EndsWith("after start-up (1.95 of 2 cores busy or more in every second after the first, 1.52 in the first)", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.41, 1.93, 1.62, 1.9)]
    [InlineData(1.41, 1.79)]
    [InlineData(1.95)]
    public void WaitsLine_SomeSecondAfterTheFirstUnderNineTenthsOrNoSecondAfterIt_NamesTheBiggestWait(params double[] busy)
    {
        var line = BenchReportText.WaitsLine(KeyOrderBound with { HeldSeconds = 0.7 }, 20_000, 1.74, 2, 2.6, Series(busy));

        Assert.EndsWith("machine 1.74 of 2 cores busy: bound by per-key order, not the processor", line, StringComparison.Ordinal);
    }

    [Fact]
    public void WaitsLine_SecondsWithoutAMachineReading_NamesTheBiggestWait()
    {
        var series = Series(1.41, 1.93).Select((sample, i) => i == 1 ? sample with { MachineBusyCores = null } : sample).ToList();

        var line = BenchReportText.WaitsLine(KeyOrderBound, 20_000, 1.74, 2, 2.6, series);

        Assert.EndsWith(": bound by per-key order, not the processor", line, StringComparison.Ordinal);
    }

    [Fact]
    public void WaitsLine_HeldLessThanHalfThePhase_NamesTheBiggestWaitOnly()
    {
        var line = BenchReportText.WaitsLine(KeyOrderBound with { HeldSeconds = 2 }, 20_000, 1.3, 2, 4.2);

        Assert.EndsWith(": bound by per-key order, not the processor", line, StringComparison.Ordinal);
    }

    [Fact]
    public void WaitsLine_MachineLoadUnknown_SaysSoAndStillNamesTheBiggestWait()
    {
        var line = BenchReportText.WaitsLine(KeyOrderBound, 100, null, 2, 4.2);

        Assert.EndsWith("; machine load unknown: bound by per-key order, not the processor", line, StringComparison.Ordinal);
    }

    [Fact]
    public void BatchesLine_AFixedRatePhase_GivesTheMeanBatchAndWorkflowAndKeyWait()
    {
        var line = BenchReportText.BatchesLine(new WaitFigures(2_000, 50, 9_000, 1.2, 24.6, 180));

        Assert.Equal(
            "batches: 2,000 of 4.5 events on average; an event's Kafka timestamp to its batch's start (producing, fetching, queued) 20 ms on average; "
            + "workflow (enrichment and delivery) 12.3 ms per batch on average; "
            + "50 deliveries waited for earlier batches of their keys, 24 ms on average",
            line);
    }

    [Fact]
    public void BatchesLine_NoBatch_SaysNoneRan()
    {
        Assert.Equal("batches: none ran", BenchReportText.BatchesLine(new WaitFigures(0, 0, 0, 0, 0)));
    }

    private static List<TimeSample> Series(params double[] busy) =>
        [.. busy.Select((cores, i) => new TimeSample(i + 1.01, 70_000, 50_000, 20_000, cores))];
}
