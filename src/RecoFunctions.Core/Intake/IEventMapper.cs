using System.Text.Json;
using RecoFunctions.Core.Domain;
using RecoFunctions.Core.Parsing;

namespace RecoFunctions.Core.Intake;

/// <summary>Maps a validated message, field by field from its parsed document, into the domain event.</summary>
internal interface IEventMapper
{
    /// <summary>The domain event, or null after adding to <paramref name="violations"/> what the domain needs but the message lacks.</summary>
    PipelineEvent? Map(JsonElement root, ref List<Violation>? violations);
}
