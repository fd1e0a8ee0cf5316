using RecoFunctions.Core.Messaging;

namespace RecoFunctions.Core.Tests.Messaging;

public sealed class LagThresholdCheckTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("500")]
    public void Compare_AgreesOrUnset_NoWarning(string? configured)
    {
        Assert.Null(LagThresholdCheck.Compare(500, configured, "KafkaLagThreshold"));
    }

    [Fact]
    public void Compare_Differs_WarningNamesSettingAndBothValues()
    {
        var warning = LagThresholdCheck.Compare(500, "1000", "KafkaLagThreshold");

        Assert.NotNull(warning);
        Assert.Contains("KafkaLagThreshold is 1000", warning, StringComparison.Ordinal);
        Assert.Contains("LagThreshold = 500", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_NotANumber_Warning()
    {
        Assert.Contains("not a whole number", LagThresholdCheck.Compare(500, "lots", "KafkaLagThreshold"), StringComparison.Ordinal);
    }
}
