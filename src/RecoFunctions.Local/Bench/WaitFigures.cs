using RecoFunctions.Runtime;

namespace RecoFunctions.Local.Bench;

/// <summary>Where the pipeline's batches spent their time over one phase, from the runtime's totals.</summary>
/// <param name="Batches">Batches whose workflow ran.</param>
/// <param name="BatchesThatWaited">Of them, those that waited for an earlier batch of their partition sharing a key.</param>
/// <param name="Events">The valid events of the batches.</param>
/// <param name="WaitedSeconds">Time the batches' deliveries waited for earlier batches of their keys (per-key order), summed.</param>
/// <param name="RanSeconds">Time their workflow ran (enrichment, delivery, backoffs), that wait left out, summed.</param>
/// <param name="BeforeStartSeconds">Time from each event's Kafka timestamp to its batch's start, summed over the events.</param>
/// <param name="HeldSeconds">Time the runtime took no message because the in-flight limit was reached.</param>
internal sealed record WaitFigures(
    long Batches, long BatchesThatWaited, long Events, double WaitedSeconds, double RanSeconds, double BeforeStartSeconds = 0, double HeldSeconds = 0)
{
    public static WaitFigures Of(RuntimeSnapshot snapshot) => new(
        snapshot.Batches,
        snapshot.BatchesThatWaitedForKeys,
        snapshot.BatchEvents,
        Math.Round(snapshot.BatchesWaitedForKeys.TotalSeconds, 3),
        Math.Round(snapshot.BatchesRan.TotalSeconds, 3),
        Math.Round(snapshot.BatchEventsBeforeStart.TotalSeconds, 3),
        Math.Round(snapshot.HeldAtLimit.TotalSeconds, 3));
}
