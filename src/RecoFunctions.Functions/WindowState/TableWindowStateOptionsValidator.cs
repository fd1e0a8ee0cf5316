using Microsoft.Extensions.Options;

namespace RecoFunctions.Functions.WindowState;

/// <summary>The DataAnnotations of <see cref="TableWindowStateOptions"/>, checked by generated code; keys named by KeyedOptionsValidator.</summary>
[OptionsValidator]
internal sealed partial class TableWindowStateOptionsValidator : IValidateOptions<TableWindowStateOptions>;
