namespace RecoFunctions.Core.Windowing;

/// <summary>A user's window: which configured window (by index) and where it starts.</summary>
internal readonly record struct WindowKey(int Spec, long StartTicks);
