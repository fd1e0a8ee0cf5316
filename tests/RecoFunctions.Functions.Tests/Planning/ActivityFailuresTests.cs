using RecoFunctions.Functions.Planning;

namespace RecoFunctions.Functions.Tests.Planning;

public sealed class ActivityFailuresTests
{
    [Theory]
    [InlineData("System.Net.Sockets.SocketException")]
    [InlineData("System.TimeoutException")]
    [InlineData("System.Threading.Tasks.TaskCanceledException")]
    [InlineData("Confluent.Kafka.ProduceException`2[[System.String],[System.Byte[]]]")]
    [InlineData("")]
    [InlineData(null)]
    public void IsRetriable_InfrastructureOrUnknown_True(string? errorType)
    {
        Assert.True(ActivityFailures.IsRetriable(errorType));
    }

    [Theory]
    [InlineData("System.ArgumentNullException")]
    [InlineData("System.InvalidOperationException")]
    [InlineData("System.Text.Json.JsonException")]
    [InlineData("System.NullReferenceException")]
    public void IsRetriable_ProgrammingOrDataError_False(string errorType)
    {
        Assert.False(ActivityFailures.IsRetriable(errorType));
    }
}
