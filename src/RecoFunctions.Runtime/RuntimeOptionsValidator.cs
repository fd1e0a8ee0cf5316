using Microsoft.Extensions.Options;

namespace RecoFunctions.Runtime;

/// <summary>The DataAnnotations of <see cref="RuntimeOptions"/>, checked by generated code (trim-safe); keys named by KeyedOptionsValidator.</summary>
[OptionsValidator]
internal sealed partial class RuntimeOptionsValidator : IValidateOptions<RuntimeOptions>;
