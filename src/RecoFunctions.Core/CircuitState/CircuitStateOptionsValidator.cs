using Microsoft.Extensions.Options;

namespace RecoFunctions.Core.CircuitState;

/// <summary>The DataAnnotations of <see cref="CircuitStateOptions"/>, checked by generated code (trim-safe); keys named by KeyedOptionsValidator.</summary>
[OptionsValidator]
internal sealed partial class CircuitStateOptionsValidator : IValidateOptions<CircuitStateOptions>;
