using System.Net;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;
using RecoFunctions.Core.DeadLetters;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Messaging;
using RecoFunctions.Core.Services;

namespace RecoFunctions.Core.Tests.Services;

public sealed class ServiceFailureClassifierTests
{
    private const string Service = "content-api";

    [Theory]
    [InlineData(400, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    public void FromStatus_Status_IsTransientOnlyForTimeoutsThrottlingAndServerErrors(int status, bool transient)
    {
        var failure = ServiceFailure.FromStatus(Service, status);

        Assert.Equal(transient, failure.IsTransient);
        Assert.Equal($"{Service}: {status} {(HttpStatusCode)status}", failure.Reason);
    }

    [Fact]
    public void Classify_BrokenCircuit_IsTransientWithTheBreakersRetryAfter()
    {
        var failure = ServiceFailureClassifier.Classify(Service, new BrokenCircuitException("open", TimeSpan.FromSeconds(12)), CancellationToken.None);

        Assert.Equal(new ServiceFailure(Service, true, "content-api: circuit open", TimeSpan.FromSeconds(12)), failure);
    }

    [Fact]
    public void Classify_IsolatedCircuit_IsTransient()
    {
        var failure = ServiceFailureClassifier.Classify(Service, new IsolatedCircuitException("isolated"), CancellationToken.None);

        Assert.True(failure!.IsTransient);
        Assert.Equal("content-api: circuit open", failure.Reason);
    }

    [Fact]
    public void Classify_TimeoutsAndConnectionErrors_AreTransient()
    {
        Assert.Equal("content-api: timeout", ServiceFailureClassifier.Classify(Service, new TimeoutRejectedException(), CancellationToken.None)!.Reason);
        Assert.Equal("content-api: timeout", ServiceFailureClassifier.Classify(Service, new TaskCanceledException(), CancellationToken.None)!.Reason);
        var connection = ServiceFailureClassifier.Classify(Service, new HttpRequestException(HttpRequestError.ConnectionError, "refused"), CancellationToken.None)!;
        Assert.True(connection.IsTransient);
        Assert.Equal("content-api: connection failed (ConnectionError)", connection.Reason);
        Assert.True(ServiceFailureClassifier.Classify(Service, new JsonException(), CancellationToken.None)!.IsTransient);
    }

    [Fact]
    public void Classify_CallerCancelled_IsNoFailure()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.Null(ServiceFailureClassifier.Classify(Service, new OperationCanceledException(cancellation.Token), cancellation.Token));
    }

    [Fact]
    public void ToOutcome_PermanentAndTransient_DeadLettersOrRetries()
    {
        var id = new MessageId("t", 1, 2);

        var permanent = ServiceFailure.FromStatus(Service, 404).ToOutcome(id, DeadLetterStage.Enrich);
        var transient = ServiceFailure.FromStatus(Service, 429, retryAfter: TimeSpan.FromSeconds(3)).ToOutcome(id, DeadLetterStage.Enrich);

        Assert.Equal(ItemOutcome.DeadLetter(id, new DeadLetterFailure(DeadLetterStage.Enrich, "content-api: 404 NotFound") { Source = Service, Status = 404 }), permanent);
        Assert.Equal(ItemOutcome.Later(id, new DeadLetterFailure(DeadLetterStage.Enrich, "content-api: 429 TooManyRequests") { Source = Service, Status = 429, IsTransient = true }, TimeSpan.FromSeconds(3)), transient);
    }

    [Fact]
    public void FromStatus_LongMessage_IsShortenedToOneLine()
    {
        var failure = ServiceFailure.FromStatus(Service, 400, "line one\nline two " + new string('x', 500));

        Assert.DoesNotContain('\n', failure.Reason);
        Assert.True(failure.Reason.Length < 260);
    }
}
