using Microsoft.Extensions.Options;

namespace RecoFunctions.Core.Telemetry;

/// <summary>The DataAnnotations of <see cref="TelemetryOptions"/>, generated at compile time (trim- and AOT-safe).</summary>
[OptionsValidator]
internal sealed partial class TelemetryOptionsRangeValidator : IValidateOptions<TelemetryOptions>;
