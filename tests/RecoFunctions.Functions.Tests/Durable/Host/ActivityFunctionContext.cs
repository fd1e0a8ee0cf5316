using System.Collections.Immutable;
using Microsoft.Azure.Functions.Worker;

namespace RecoFunctions.Functions.Tests.Durable.Host;

/// <summary>
/// The <see cref="FunctionContext"/> an activity class receives from the Functions host; here it carries the
/// services and the cancellation token, which is all the app's activities read.
/// </summary>
internal sealed class ActivityFunctionContext(IServiceProvider services, CancellationToken cancellationToken) : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString("N");

    public override string FunctionId => string.Empty;

    public override TraceContext TraceContext => throw new NotSupportedException();

    public override BindingContext BindingContext => throw new NotSupportedException();

    public override RetryContext RetryContext => throw new NotSupportedException();

    public override IServiceProvider InstanceServices { get; set; } = services;

    public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => throw new NotSupportedException();

    public override CancellationToken CancellationToken { get; } = cancellationToken;
}
