namespace RecoFunctions.Runtime;

/// <summary>Messages of a flow's topic not finished yet (high watermark minus the commit position), over the partitions assigned here.</summary>
public sealed record FlowLag(string Flow, string Topic, long Lag, int Partitions);
