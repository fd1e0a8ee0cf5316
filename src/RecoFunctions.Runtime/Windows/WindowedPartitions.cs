using Microsoft.Extensions.Logging;
using RecoFunctions.Core.Contracts;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Windowing;

namespace RecoFunctions.Runtime.Windows;

/// <summary>
/// Opens the window state of the windowed flows' partitions (the interactions flow) as they are assigned: from the
/// store, ready to resume after its checkpoint. Any thread.
/// </summary>
internal sealed class WindowedPartitions(
    IWindowStateStore store,
    IClosedWindowPublisher publisher,
    WindowingOptions options,
    RuntimeOptions runtimeOptions,
    TimeProvider timeProvider,
    ILogger logger)
{
    /// <summary>Flows whose partitions are aggregated in windows rather than enriched and delivered message by message.</summary>
    public static bool IsWindowed(FlowDefinition flow) => flow.Contract == ContractKind.InteractionsV1;

    public async Task<WindowedPartition> OpenAsync(RuntimePartition partition, CancellationToken cancellationToken)
    {
        var opened = await InteractionPartition.OpenAsync(partition.Topic, partition.Partition, store, publisher, options, timeProvider, cancellationToken)
            .ConfigureAwait(false);
        return new WindowedPartition(partition, opened, Reopen, runtimeOptions.PendingRetryDelay, timeProvider, logger);
    }

    private Task<InteractionPartition> Reopen(RuntimePartition partition, CancellationToken cancellationToken) =>
        InteractionPartition.OpenAsync(partition.Topic, partition.Partition, store, publisher, options, timeProvider, cancellationToken);
}
