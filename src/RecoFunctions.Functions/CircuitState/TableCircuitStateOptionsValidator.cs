using Microsoft.Extensions.Options;

namespace RecoFunctions.Functions.CircuitState;

/// <summary>The DataAnnotations of <see cref="TableCircuitStateOptions"/>, checked by generated code (trim-safe); keys named by KeyedOptionsValidator.</summary>
[OptionsValidator]
internal sealed partial class TableCircuitStateOptionsValidator : IValidateOptions<TableCircuitStateOptions>;
