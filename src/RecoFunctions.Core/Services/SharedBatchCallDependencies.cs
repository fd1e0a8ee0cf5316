using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecoFunctions.Core.Diagnostics;

namespace RecoFunctions.Core.Services;

/// <summary>What every <see cref="SharedBatchCall{TItem, TAnswer}"/> of a process shares; <see cref="Stopping"/> ends their requests at shutdown.</summary>
internal sealed record SharedBatchCallDependencies(
    ServiceCallGate Gate,
    IOptionsMonitor<ServiceEndpointOptions> Options,
    ServiceMetrics Metrics,
    TimeProvider TimeProvider,
    ILogger Logger,
    CancellationToken Stopping);
