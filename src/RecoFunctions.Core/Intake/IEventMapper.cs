using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Parsing;

namespace RecoFunctions.Core.Intake;

/// <summary>Reads a validated message into its wire contract and maps that, field by field, into the domain event.</summary>
internal interface IEventMapper
{
    /// <summary>The domain event, or null after adding to <paramref name="violations"/> what the domain needs but the message lacks.</summary>
    PipelineEvent? Map(ReadOnlySpan<byte> json, ref List<Violation>? violations);
}
