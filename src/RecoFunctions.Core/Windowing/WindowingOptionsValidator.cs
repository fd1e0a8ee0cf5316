using Microsoft.Extensions.Options;

namespace RecoFunctions.Core.Windowing;

/// <summary>The DataAnnotations of <see cref="WindowingOptions"/>, checked by generated code (trim-safe); keys named by KeyedOptionsValidator.</summary>
[OptionsValidator]
internal sealed partial class WindowingOptionsValidator : IValidateOptions<WindowingOptions>;
