using Microsoft.Extensions.Options;

namespace RecoFunctions.Core.Flows;

/// <summary>The DataAnnotations of <see cref="PipelineOptions"/>, checked by generated code (trim-safe); keys named by KeyedOptionsValidator.</summary>
[OptionsValidator]
internal sealed partial class PipelineOptionsValidator : IValidateOptions<PipelineOptions>;
