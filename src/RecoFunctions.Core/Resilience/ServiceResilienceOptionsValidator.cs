using Microsoft.Extensions.Options;

namespace RecoFunctions.Core.Resilience;

/// <summary>The DataAnnotations of one service's <see cref="ServiceResilienceOptions"/>, nested members included, checked by generated code.</summary>
[OptionsValidator]
internal sealed partial class ServiceResilienceOptionsValidator : IValidateOptions<ServiceResilienceOptions>;
