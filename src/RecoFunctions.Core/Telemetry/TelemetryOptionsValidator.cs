using Microsoft.Extensions.Options;

namespace RecoFunctions.Core.Telemetry;

/// <summary>The DataAnnotations of <see cref="TelemetryOptions"/>, checked by generated code (trim-safe); keys named by KeyedOptionsValidator.</summary>
[OptionsValidator]
internal sealed partial class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>;
