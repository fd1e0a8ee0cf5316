using Microsoft.Extensions.Options;

namespace RecoFunctions.Core.Flows;

/// <summary>
/// The data annotations of <see cref="PipelineOptions"/>, checked by generated code: the reflection-based
/// <c>ValidateDataAnnotations()</c> is not trim-safe, and Core is built AOT-compatible.
/// </summary>
[OptionsValidator]
internal sealed partial class PipelineOptionsAnnotationsValidator : IValidateOptions<PipelineOptions>;
