using Microsoft.Azure.Functions.Worker.Converters;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>
/// Carries what the Worker SDK reads from the released converter (Azure/azure-functions-dotnet-worker, tag
/// kafka-extension-4.3.0, extensions/Worker.Extensions.Kafka/src/KafkaRecordConverter.cs): deferred binding for
/// <see cref="KafkaRecord"/> and <see cref="KafkaRecord"/>[], which puts <c>supportsDeferredBinding</c> on the trigger
/// in functions.metadata. It converts nothing: a build with this assembly has no host-side Kafka extension to bind from.
/// </summary>
[SupportsDeferredBinding]
[SupportedTargetType(typeof(KafkaRecord))]
[SupportedTargetType(typeof(KafkaRecord[]))]
internal sealed class KafkaRecordConverter : IInputConverter
{
    public ValueTask<ConversionResult> ConvertAsync(ConverterContext context) =>
        new(ConversionResult.Failed(new NotSupportedException(
            "This build of the app has the Kafka attributes only (RecoKafkaExtension=Attributes) and cannot bind Kafka " +
            "records; build it with -p:RecoKafkaExtension=Package.")));
}
