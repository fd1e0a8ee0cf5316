
namespace RecoFunctions.Runtime.Tests;

public sealed class DeadLetterReasonsTests
{
    [Theory]
    [InlineData("validate", "validate: maxLength at $.content.tags[3]", "maxLength at $.content.tags[]")]
    [InlineData("enrich", "content-api: 404 NotFound (content 'missing-1' does not exist)", "content-api: 404 NotFound")]
    [InlineData("workflow", "retry budget exhausted: recommender-api: 503 ServiceUnavailable (down)", "retry budget exhausted: recommender-api: 503 ServiceUnavailable")]
    [InlineData("parse", "parse: json at $", "json at $")]
    [InlineData("parse", "validator: x", "validator: x")]
    public void Label_RemovesStageAndPerMessageDetail(string stage, string reason, string expected) =>
        Assert.Equal(expected, DeadLetterReasons.Label(stage, reason));

    [Fact]
    public void Label_VeryLongReason_IsCut()
    {
        var label = DeadLetterReasons.Label("validate", "validate: " + new string('x', 500));

        Assert.Equal(120, label.Length);
    }
}
