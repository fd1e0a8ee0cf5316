using Microsoft.Extensions.Options;

namespace RecoFunctions.Core.Windowing;

/// <summary>The DataAnnotations of <see cref="FeatureOptions"/>, checked by generated code (trim-safe); keys named by KeyedOptionsValidator.</summary>
[OptionsValidator]
internal sealed partial class FeatureOptionsValidator : IValidateOptions<FeatureOptions>;
