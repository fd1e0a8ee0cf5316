namespace RecoFunctions.Core.Services;

/// <summary>An item together with its position in the request, so that answers find their way back.</summary>
internal readonly record struct IndexedItem<T>(int Index, T Item);
