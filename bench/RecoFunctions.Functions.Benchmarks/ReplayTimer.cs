using System.Diagnostics;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using OrchestratorRequest = Microsoft.DurableTask.Protobuf.OrchestratorRequest;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker.Grpc;
using RecoFunctions.Core.Workflow;
using RecoFunctions.Functions.Orchestration;
using RecoFunctions.Functions.Planning;

namespace RecoFunctions.Functions.Benchmarks;

/// <summary>
/// Times one orchestrator episode the way the Functions isolated worker runs it: the host hands the worker the
/// history as an encoded <see cref="OrchestratorRequest"/> and <see cref="GrpcOrchestrationRunner.LoadAndRun(string, Microsoft.DurableTask.ITaskOrchestrator, IServiceProvider?)"/>
/// replays the app's orchestrator over it. The history is the one the engine recorded for a real batch.
/// </summary>
internal static class ReplayTimer
{
    /// <summary>Mean time of one replay of the episode, after a warm-up; and the encoded request's size.</summary>
    public static (TimeSpan Mean, int RequestBytes) Measure(string instanceId, IReadOnlyList<HistoryEvent> past, IReadOnlyList<HistoryEvent> added, int replays)
    {
        var request = new OrchestratorRequest { InstanceId = instanceId };
        request.PastEvents.AddRange(past.Select(ProtobufUtils.ToHistoryEventProto));
        request.NewEvents.AddRange(added.Select(ProtobufUtils.ToHistoryEventProto));
        var encoded = ProtobufUtils.Base64Encode(request);

        for (var warmUp = 0; warmUp < Math.Min(20, replays); warmUp++)
        {
            Replay(encoded);
        }

        var watch = Stopwatch.StartNew();
        for (var replay = 0; replay < replays; replay++)
        {
            Replay(encoded);
        }

        return (watch.Elapsed / replays, request.CalculateSize());
    }

    private static void Replay(string encoded) =>
        GrpcOrchestrationRunner.LoadAndRun<BatchOrchestrationInput, WorkflowResult>(encoded, RunOrchestratorAsync);

    private static async Task<WorkflowResult?> RunOrchestratorAsync(TaskOrchestrationContext context, BatchOrchestrationInput? input) =>
        await BatchOrchestrator.RunAsync(context);
}
