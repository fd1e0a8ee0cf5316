namespace RecoFunctions.Core.Services;

/// <summary>
/// What a batch request brought back for one item: the service's answer (<see langword="default"/> when the answer lacked
/// it), or the failure of the whole request that carried it.
/// </summary>
internal readonly record struct ItemAnswer<TAnswer>(TAnswer? Answer, ServiceFailure? Failure);
