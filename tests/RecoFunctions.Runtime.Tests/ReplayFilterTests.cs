
namespace RecoFunctions.Runtime.Tests;

public sealed class ReplayFilterTests
{
    [Theory]
    [InlineData(null, null, "anything", "parse", true)]
    [InlineData("MAXLENGTH", null, "validate: maxLength at $.x", "validate", true)]
    [InlineData("maxLength", "validate", "validate: maxLength at $.x", "VALIDATE", true)]
    [InlineData("maxLength", "enrich", "validate: maxLength at $.x", "validate", false)]
    [InlineData("503", null, "validate: maxLength at $.x", "validate", false)]
    [InlineData("503", null, null, "workflow", false)]
    public void Matches_ReasonSubstringAnyCaseAndStage(string? reason, string? stage, string? actualReason, string? actualStage, bool expected) =>
        Assert.Equal(expected, new ReplayFilter(reason, stage).Matches(actualReason, actualStage));
}
