using Microsoft.Extensions.Options;

namespace RecoFunctions.Functions.DeadLetters;

/// <summary>The DataAnnotations of <see cref="KafkaProducerOptions"/>, checked by generated code (trim-safe); keys named by KeyedOptionsValidator.</summary>
[OptionsValidator]
internal sealed partial class KafkaProducerOptionsValidator : IValidateOptions<KafkaProducerOptions>;
