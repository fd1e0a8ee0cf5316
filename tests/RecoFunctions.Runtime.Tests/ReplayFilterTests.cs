using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Runtime;

namespace RecoFunctions.Runtime.Tests;

public sealed class ReplayFilterTests
{
    [Theory]
    [InlineData(null, null, "anything", DeadLetterStage.Parse, true)]
    [InlineData("MAXLENGTH", null, "validate: maxLength at $.x", DeadLetterStage.Validate, true)]
    [InlineData("maxLength", "VALIDATE", "validate: maxLength at $.x", DeadLetterStage.Validate, true)]
    [InlineData("maxLength", "enrich", "validate: maxLength at $.x", DeadLetterStage.Validate, false)]
    [InlineData("503", null, "validate: maxLength at $.x", DeadLetterStage.Validate, false)]
    [InlineData("503", null, "", DeadLetterStage.Workflow, false)]
    public void Matches_DetailSubstringAnyCaseAndStage(string? reason, string? stage, string detail, DeadLetterStage actualStage, bool expected) =>
        Assert.Equal(expected, new ReplayFilter(reason, stage).Matches(new DeadLetterFailure(actualStage, detail)));
}
