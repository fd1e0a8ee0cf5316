using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Confluent.Kafka;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Delivery;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Intake;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Services;
using RecoFunctions.Core.Workflow;
using RecoFunctions.Runtime.Kafka;
using RecoFunctions.Local.Workload;
using RecoFunctions.Sandbox;

namespace RecoFunctions.Local.Tests.Support;

/// <summary>
/// A stand-in for the runtime, good enough to give an audit something real to check: reads the flow topics, runs the
/// real intake, dead-letters what it rejects (with the runtime's headers), treats the sandbox's unknown ids as 404s at
/// enrich, and delivers the rest to the real sandbox recommender over HTTP, dead-lettering what it rejects. Scripted
/// faults: <see cref="Drop"/> loses a message, <see cref="DeadLetterInstead"/> dead-letters a valid one.
/// </summary>
internal sealed class PipelineSimulator(string bootstrapServers, SandboxHost sandbox, PipelineOptions pipeline)
{
    private readonly FlowRegistry _flows = new(pipeline);

    public Func<PipelineEvent, bool> Drop { get; init; } = static _ => false;

    public Func<PipelineEvent, DeadLetterFailure?> DeadLetterInstead { get; init; } = static _ => null;

    /// <summary>Every record read, with the intake's verdict.</summary>
    public List<(ConsumeResult<byte[]?, byte[]?> Record, IntakeResult Verdict)> Seen { get; } = [];

    public async Task RunAsync()
    {
        var intake = MessageIntake.Create(pipeline);
        var records = TopicReader.ReadAll(bootstrapServers, [.. _flows.Flows.Select(flow => flow.Topic)]);
        using var deadLetters = WorkloadProducer.CreateProducer(bootstrapServers);
        var deliveries = new List<(DeliveryOperation Operation, ConsumeResult<byte[]?, byte[]?> Record)>();
        foreach (var record in records)
        {
            var message = new KafkaMessage(
                record.Topic, record.Partition.Value, record.Offset.Value,
                record.Message.Key is { } key ? Encoding.UTF8.GetString(key) : null,
                [], record.Message.Timestamp.UtcDateTime, record.Message.Value ?? ReadOnlyMemory<byte>.Empty);
            var verdict = intake.Accept(message);
            Seen.Add((record, verdict));
            if (!verdict.IsValid)
            {
                DeadLetter(deadLetters, record, verdict.Failure!);
            }
            else if (Drop(verdict.Event!))
            {
                continue;
            }
            else if (DeadLetterInstead(verdict.Event!) is { } instead)
            {
                DeadLetter(deadLetters, record, instead);
            }
            else if (UnknownToEnrichment(verdict.Event!) is { } failure)
            {
                DeadLetter(deadLetters, record, failure);
            }
            else
            {
                deliveries.Add((Operation(verdict.Event!, record.Message.Timestamp.UtcDateTime), record));
            }
        }

        await DeliverAsync(deliveries, deadLetters);
        Assert.Equal(0, deadLetters.Flush(TimeSpan.FromSeconds(10)));
    }

    private async Task DeliverAsync(List<(DeliveryOperation Operation, ConsumeResult<byte[]?, byte[]?> Record)> deliveries, IProducer<byte[]?, byte[]?> deadLetters)
    {
        using var http = new HttpClient { BaseAddress = sandbox.BaseUrl };
        foreach (var chunk in deliveries.Chunk(200))
        {
            var response = await http.PostAsJsonAsync(
                "deliveries/batch", new DeliveryBatchRequest { Operations = [.. chunk.Select(item => item.Operation)] }, DeliveryJsonContext.Default.DeliveryBatchRequest);
            response.EnsureSuccessStatusCode();
            var answer = await response.Content.ReadFromJsonAsync(DeliveryJsonContext.Default.DeliveryBatchResponse);
            for (var i = 0; i < chunk.Length; i++)
            {
                if (answer!.Results[i].Status == DeliveryStatuses.Rejected)
                {
                    var rejected = new DeadLetterFailure(DeadLetterStage.Deliver, $"recommender-api: 400 rejected ({answer.Results[i].Reason})") { Source = "recommender-api", Status = 400 };
                    DeadLetter(deadLetters, chunk[i].Record, rejected);
                }
            }
        }
    }

    private static DeadLetterFailure? UnknownToEnrichment(PipelineEvent domainEvent) => domainEvent switch
    {
        ContentEvent { IsRemoval: false } content when content.Content.ContentId.StartsWith(SandboxConventions.MissingContentPrefix, StringComparison.Ordinal) =>
            NotFound("content-api", $"content '{content.Content.ContentId}' does not exist"),
        CampaignEvent { IsRetirement: false } campaign when campaign.Campaign.PlacementId.StartsWith(SandboxConventions.UnknownPlacementPrefix, StringComparison.Ordinal) =>
            NotFound("placement-api", $"placement '{campaign.Campaign.PlacementId}' does not exist"),
        _ => null,
    };

    private static DeadLetterFailure NotFound(string service, string message) =>
        new(DeadLetterStage.Enrich, $"{service}: 404 NotFound ({message})") { Source = service, Status = 404 };

    private static DeliveryOperation Operation(PipelineEvent domainEvent, DateTimeOffset producedAt) => domainEvent switch
    {
        ContentEvent content => new DeliveryOperation
        {
            Kind = DeliveryKinds.Item,
            Action = content.IsRemoval ? DeliveryActions.Delete : DeliveryActions.Upsert,
            Key = content.Key,
            Version = content.Version,
            ProducedAt = producedAt,
            Payload = content.IsRemoval ? null : new ItemPayload { ContentId = content.Key, Title = content.Content.Title },
        },
        CampaignEvent campaign => new DeliveryOperation
        {
            Kind = DeliveryKinds.Campaign,
            Action = campaign.IsRetirement ? DeliveryActions.Retire : DeliveryActions.Upsert,
            Key = campaign.Key,
            Version = campaign.Version,
            ProducedAt = producedAt,
            Payload = campaign.IsRetirement ? null : new CampaignPayload { CampaignId = campaign.Key, PlacementId = campaign.Campaign.PlacementId },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(domainEvent)),
    };

    /// <summary>Writes the dead letter with the same codec as the runtimes, so that the audit reads what they would write.</summary>
    private void DeadLetter(IProducer<byte[]?, byte[]?> producer, ConsumeResult<byte[]?, byte[]?> record, DeadLetterFailure failure)
    {
        Assert.True(_flows.TryGetByTopic(record.Topic, out var flow));
        var deadLetter = DeadLetterRecord.From(ConfluentRecords.ToMessage(record), failure, DateTimeOffset.UnixEpoch);
        var headers = ConfluentRecords.ToHeaders(DeadLetterCodec.ToHeaders(deadLetter));
        producer.Produce(flow.DeadLetterTopic, new Message<byte[]?, byte[]?> { Key = record.Message.Key, Value = record.Message.Value, Headers = headers });
    }
}
