using Microsoft.Extensions.Options;

namespace RecoFunctions.Core.Services;

/// <summary>The DataAnnotations of <see cref="ServiceEndpointOptions"/>, checked by generated code (trim-safe); keys named by KeyedOptionsValidator.</summary>
[OptionsValidator]
internal sealed partial class ServiceEndpointOptionsValidator : IValidateOptions<ServiceEndpointOptions>;
