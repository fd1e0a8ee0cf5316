using System.Diagnostics;
using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using OpenTelemetry.Trace;
using RecoFunctions.Core.Telemetry;
using RecoFunctions.Functions.Planning;
using RecoFunctions.Functions.Telemetry;
using RecoFunctions.Functions.Tests.Triggers;
using RecoFunctions.Functions.Triggers;
using RecoFunctions.Testing;
using RecoFunctions.Core.Workflow;

namespace RecoFunctions.Functions.Tests.Telemetry;

public sealed class FunctionsTelemetryTests
{
    private readonly List<Activity> _spans = [];

    [Fact]
    public async Task HandleAsync_RecordWithTraceparent_BatchSpanFollowsItsTraceEvenAtRatioZero()
    {
        using var services = Build(new() { ["Telemetry:TraceSampleRatio"] = "0" });
        var tracer = services.GetRequiredService<TracerProvider>();
        var producer = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
        var traced = TestIntake.ValidContent(0, 10);
        traced.Headers = [new KafkaHeader { Key = "traceparent", Value = Encoding.UTF8.GetBytes($"00-{producer.TraceId}-{producer.SpanId}-01") }];

        await Trigger().HandleAsync("content", [traced], Client(), CancellationToken.None);
        await Trigger().HandleAsync("content", [TestIntake.ValidContent(0, 11)], Client(), CancellationToken.None);
        tracer.ForceFlush();

        // Ratio 0 drops every trace that starts here; the producer's sampled trace is followed.
        var batch = Assert.Single(_spans);
        Assert.Equal(producer.TraceId, batch.TraceId);
        Assert.Equal(producer.SpanId, batch.ParentSpanId);
        Assert.Equal("process oicms.content.v1", batch.DisplayName);
        Assert.Equal(1, batch.GetTagItem("messaging.batch.message_count"));
    }

    [Theory]
    [InlineData("Telemetry:TraceSampleRatio", "1.5", "TraceSampleRatio")]
    [InlineData(OtlpEndpoints.EndpointKey, "collector:4317", OtlpEndpoints.EndpointKey)]
    public void AddRecoFunctionsTelemetry_BadSetting_FailsAtStartNamingTheKey(string key, string value, string named)
    {
        using var services = Build(new() { [key] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(named, failure.Message);
    }

    private static DurableTaskClient Client()
    {
        var client = new Mock<DurableTaskClient>("test");
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync("instance");
        return client.Object;
    }

    private static KafkaBatchTrigger Trigger() => new(
        TestIntake.Create(),
        Options.Create(new OrchestrationOptions()),
        new RetryBudget(5, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1)),
        TestClock.Create(),
        NullLogger<KafkaBatchTrigger>.Instance);

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddRecoFunctionsTelemetry(configuration);
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
        return services.BuildServiceProvider();
    }
}
