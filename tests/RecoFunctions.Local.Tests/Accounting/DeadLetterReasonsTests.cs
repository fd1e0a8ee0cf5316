using RecoFunctions.Local.Accounting;

namespace RecoFunctions.Local.Tests.Accounting;

public sealed class DeadLetterReasonsTests
{
    [Theory]
    [InlineData("workflow", "retry budget exhausted: content-api: 503 ServiceUnavailable", true)]
    [InlineData("enrich", "content-api: 503 ServiceUnavailable", true)]
    [InlineData("deliver", "recommender-api: 429 TooManyRequests", true)]
    [InlineData("enrich", "placement-api: timeout after 00:00:01", true)]
    [InlineData("enrich", "content-api: 404 NotFound (content 'missing-art-1' does not exist)", false)]
    [InlineData("deliver", "recommender-api: 400 rejected (key 'rejected-1' is on the sandbox's reject list)", false)]
    [InlineData("validate", "validate: maxLength at $.content.title", false)]
    public void IsTransient_Reason_ToldApart(string stage, string reason, bool transient) =>
        Assert.Equal(transient, DeadLetterReasons.IsTransient(stage, reason));

    [Theory]
    [InlineData("validate", "validate: maxLength at $.content.title; type at $.content.version", "validate: maxLength")]
    [InlineData("enrich", "content-api: 404 NotFound (content 'missing-art-1' does not exist)", "content-api: 404 NotFound")]
    [InlineData("parse", "parse: empty at $", "parse: empty")]
    [InlineData("parse", null, "parse: (no reason)")]
    public void Classify_Reason_WithoutItemDetails(string stage, string? reason, string expected) =>
        Assert.Equal(expected, DeadLetterReasons.Classify(stage, reason));
}
