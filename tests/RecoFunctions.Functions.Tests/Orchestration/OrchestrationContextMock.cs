using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Moq.Protected;
using RecoFunctions.Testing;

namespace RecoFunctions.Functions.Tests.Orchestration;

/// <summary>A mocked durable orchestration context: fixed time, not replaying, loggers that discard.</summary>
internal static class OrchestrationContextMock
{
    public static readonly DateTime Now = TestClock.Start.UtcDateTime;

    public const string InstanceId = "content_oicms.content.v1_0_0-1";

    public static Mock<TaskOrchestrationContext> Create()
    {
        var context = new Mock<TaskOrchestrationContext>(MockBehavior.Loose);
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(Now);
        context.SetupGet(c => c.InstanceId).Returns(InstanceId);
        context.SetupGet(c => c.IsReplaying).Returns(false);
        context.Protected().SetupGet<ILoggerFactory>("LoggerFactory").Returns(NullLoggerFactory.Instance);
        // Virtual in durabletask-dotnet 1.28, so a loose mock would return null.
        context.Setup(c => c.CreateReplaySafeLogger(It.IsAny<string>())).Returns(NullLogger.Instance);
        context.Setup(c => c.CreateTimer(It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        return context;
    }
}
