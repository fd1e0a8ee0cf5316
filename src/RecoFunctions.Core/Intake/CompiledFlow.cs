using RecoFunctions.Core.Flows;
using RecoFunctions.Core.Validation;

namespace RecoFunctions.Core.Intake;

/// <summary>A flow with its validator and mapper, ready to take messages.</summary>
internal sealed record CompiledFlow(FlowDefinition Definition, FlowValidator Validator, IEventMapper Mapper);
