using Microsoft.Extensions.Options;

namespace RecoFunctions.Runtime.Kafka;

/// <summary>The DataAnnotations of <see cref="KafkaOptions"/>, checked by generated code (trim-safe); keys named by KeyedOptionsValidator.</summary>
[OptionsValidator]
internal sealed partial class KafkaOptionsValidator : IValidateOptions<KafkaOptions>;
