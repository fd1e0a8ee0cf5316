namespace RecoFunctions.Sandbox.Wire;

public sealed record ServiceCallsView(long TotalCalls, long InjectedFailures, IReadOnlyDictionary<string, long> Endpoints);
