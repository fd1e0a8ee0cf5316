using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using RecoFunctions.Core.Contracts;
using RecoFunctions.Core.Flows;

namespace RecoFunctions.Runtime.Tests;

/// <summary>Lanes of topic <c>t</c> of a content flow, and runtime metrics, for tests of the poll thread's parts without Kafka.</summary>
internal static class TestLanes
{
    public static readonly FlowDefinition Flow = new("content", ContractKind.ContentV1, "t", "t.dlq", []);

    public static PartitionLane Lane(int partition = 0) => new(new RuntimePartition("t", partition), Flow);

    public static RuntimeMetrics Metrics() => new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
}
