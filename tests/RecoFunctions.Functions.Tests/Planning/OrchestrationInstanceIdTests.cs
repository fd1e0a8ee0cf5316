using RecoFunctions.Functions.Planning;

namespace RecoFunctions.Functions.Tests.Planning;

public sealed class OrchestrationInstanceIdTests
{
    [Fact]
    public void For_PlainNames_IsReadableAndExact()
    {
        Assert.Equal("content_oicms.content.v1_3_100-355", OrchestrationInstanceId.For("content", "oicms.content.v1", 3, 100, 355));
    }

    [Fact]
    public void For_NamesThatNeedEscaping_AppendAHashThatIsStableAcrossRuns()
    {
        // Pinned literal (FNV-1a computed independently): the hash must not depend on the process (string.GetHashCode would change it on every run).
        Assert.Equal(
            "my-flow_cm-events_0_7-7_h4604fefe43de7e27",
            OrchestrationInstanceId.For("my flow", "cm_events", 0, 7, 7));
    }

    [Fact]
    public void For_SameSlice_SameId()
    {
        Assert.Equal(
            OrchestrationInstanceId.For("campaign", "cm.events.v1", 2, 10, 20),
            OrchestrationInstanceId.For("campaign", "cm.events.v1", 2, 10, 20));
    }

    [Theory]
    [InlineData("campaign", "cm.events.v1", 2, 10, 21)]
    [InlineData("campaign", "cm.events.v1", 3, 10, 20)]
    [InlineData("campaign", "cm.events.v1", 2, 11, 20)]
    [InlineData("content", "cm.events.v1", 2, 10, 20)]
    [InlineData("campaign", "cm.events.v2", 2, 10, 20)]
    public void For_AnyPartDiffers_IdDiffers(string flow, string topic, int partition, long first, long last)
    {
        Assert.NotEqual(OrchestrationInstanceId.For("campaign", "cm.events.v1", 2, 10, 20), OrchestrationInstanceId.For(flow, topic, partition, first, last));
    }

    [Fact]
    public void For_NamesThatEscapeToTheSameText_StillDiffer()
    {
        var underscore = OrchestrationInstanceId.For("content", "a_b", 0, 1, 2);
        var space = OrchestrationInstanceId.For("content", "a b", 0, 1, 2);
        var hyphen = OrchestrationInstanceId.For("content", "a-b", 0, 1, 2);

        Assert.Equal(3, new[] { underscore, space, hyphen }.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void For_LongestTopic_StaysWithinTheLimitAndDistinct()
    {
        var topic = new string('t', 249);

        var first = OrchestrationInstanceId.For("content", topic, 11, 1_000_000_000, 1_000_000_255);
        var second = OrchestrationInstanceId.For("content", topic, 11, 1_000_000_000, 1_000_000_256);

        Assert.Equal(OrchestrationInstanceId.MaxLength, first.Length);
        Assert.NotEqual(first, second);
        Assert.StartsWith("content_ttt", first, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("content", "oicms.content.v1")]
    [InlineData("ünïcode/flow#1", "topic?with\\odd chars")]
    public void For_AnyInput_UsesOnlyIdSafeCharacters(string flow, string topic)
    {
        var id = OrchestrationInstanceId.For(flow, topic, 0, 0, 0);

        Assert.All(id, character => Assert.True(char.IsAsciiLetterOrDigit(character) || character is '.' or '-' or '_', $"'{character}' in {id}"));
    }

    [Fact]
    public void For_LastOffsetBeforeFirst_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OrchestrationInstanceId.For("content", "t", 0, 5, 4));
    }
}
