namespace RecoFunctions.Local.Bench.Report;

/// <summary>Where <c>reco bench</c> writes its report besides standard output: JSON (<c>--out</c>) and an HTML page (<c>--report</c>).</summary>
internal sealed record BenchOutputs(FileInfo? Json, FileInfo? Html);
