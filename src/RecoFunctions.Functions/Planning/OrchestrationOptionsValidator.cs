using Microsoft.Extensions.Options;

namespace RecoFunctions.Functions.Planning;

/// <summary>The DataAnnotations of <see cref="OrchestrationOptions"/>, checked by generated code (trim-safe); keys named by KeyedOptionsValidator.</summary>
[OptionsValidator]
internal sealed partial class OrchestrationOptionsValidator : IValidateOptions<OrchestrationOptions>;
