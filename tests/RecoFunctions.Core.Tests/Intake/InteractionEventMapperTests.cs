using System.Text;
using System.Text.Json;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Intake;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Tests.Support;

namespace RecoFunctions.Core.Tests.Intake;

public sealed class InteractionEventMapperTests
{
    private const string Topic = "ua.interactions.v1";
    private const string UserId = "u-5521873";

    private const string Interaction = """
        {"eventId":"e-9","eventType":"interaction.complete","occurredAt":"2026-11-21T09:00:00+01:00",
         "interaction":{"userId":"u-5521873","contentId":"vid-1031","sessionId":"s-9f3a61","dwellMs":42000,
                        "positionMs":12000,"device":"ios","placementId":"home-rail-1"}}
        """;

    private static readonly Lazy<MessageIntake> Intake = new(() => TestPipeline.Intake(TestPipeline.WithInteractions()));

    [Fact]
    public void Accept_ValidInteraction_MapsToEventKeyedByPseudonym()
    {
        var result = Intake.Value.Accept(Message(Interaction, UserId));

        var accepted = Assert.IsType<InteractionEvent>(result.Event);
        var pseudonym = TestPipeline.Pseudonymiser().Pseudonymise(UserId);
        Assert.Equal(
            new InteractionEvent("e-9", InteractionKind.Complete, new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero), pseudonym, "vid-1031", 42000),
            accepted);
        Assert.Equal(pseudonym, accepted.Key);
        Assert.Equal("interaction.complete", accepted.EventTypeName);
    }

    [Fact]
    public void Accept_ValidInteraction_KeepsNeitherUserIdNorDroppedFields()
    {
        var result = Intake.Value.Accept(Message(Interaction, UserId));

        // As the event crosses process boundaries (durable activities, state): nothing of the dropped fields or the id.
        var json = JsonSerializer.Serialize<PipelineEvent>(result.Event!);
        Assert.DoesNotContain(UserId, json, StringComparison.Ordinal);
        Assert.DoesNotContain(UserId, result.Event!.ToString(), StringComparison.Ordinal);
        foreach (var dropped in new[] { "s-9f3a61", "12000", "ios", "home-rail-1" })
        {
            Assert.DoesNotContain(dropped, json, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("interaction.view", InteractionKind.View)]
    [InlineData("interaction.click", InteractionKind.Click)]
    [InlineData("interaction.dwell", InteractionKind.Dwell)]
    [InlineData("interaction.play", InteractionKind.Play)]
    [InlineData("interaction.like", InteractionKind.Like)]
    [InlineData("interaction.share", InteractionKind.Share)]
    public void Accept_EachEventType_MapsItsKindAndNameRoundTrips(string eventType, InteractionKind kind)
    {
        var value = Interaction.Replace("interaction.complete", eventType, StringComparison.Ordinal);

        var accepted = Assert.IsType<InteractionEvent>(Intake.Value.Accept(Message(value, UserId)).Event);

        Assert.Equal(kind, accepted.Kind);
        Assert.Equal(eventType, accepted.EventTypeName);
    }

    [Fact]
    public void Accept_WithoutDwell_MapsNullDwell()
    {
        const string Value = """{"eventId":"e-1","eventType":"interaction.view","occurredAt":"2026-11-21T09:00:00Z","interaction":{"userId":"u-1","contentId":"art-1","sessionId":"s-1"}}""";

        var accepted = Assert.IsType<InteractionEvent>(Intake.Value.Accept(Message(Value, "u-1")).Event);

        Assert.Null(accepted.DwellMs);
    }

    [Fact]
    public void Accept_SameUserUnderDifferentKeys_SamePseudonymAsKafkaKeyPseudonym()
    {
        var first = Intake.Value.Accept(Message(Interaction, UserId)).Event!;
        var second = Intake.Value.Accept(Message(Interaction.Replace("e-9", "e-10", StringComparison.Ordinal), UserId)).Event!;

        Assert.Equal(first.Key, second.Key);
        Assert.Equal(TestPipeline.Pseudonymiser().Pseudonymise(Encoding.UTF8.GetBytes(UserId)), first.Key);
    }

    private static KafkaMessage Message(string value, string? key) =>
        new(Topic, 0, 7, key, [], DateTimeOffset.UnixEpoch, Encoding.UTF8.GetBytes(value));
}
