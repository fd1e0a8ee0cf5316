using Microsoft.Azure.Functions.Worker;
using RecoFunctions.Functions.Hosting;

namespace RecoFunctions.Functions.Tests.Hosting;

public sealed class BuildSwitchesTests
{
    private static bool BuiltWithAttributesAssembly =>
        typeof(KafkaTriggerAttribute).Assembly.GetName().Name == "RecoFunctions.Kafka.Attributes";

    [Fact]
    public void KafkaExtension_NamesWhereTheKafkaAttributesCameFrom()
    {
        Assert.Equal(BuiltWithAttributesAssembly ? "Attributes" : "Package", BuildSwitches.KafkaExtension);
    }

    [Fact]
    public void EnsureKafkaExtension_AttributesBuild_RefusesToStartNamingTheProperty()
    {
        if (!BuiltWithAttributesAssembly)
        {
            BuildSwitches.EnsureKafkaExtension();
            return;
        }

        var exception = Assert.Throws<InvalidOperationException>(BuildSwitches.EnsureKafkaExtension);
        Assert.Contains("RecoKafkaExtension=Package", exception.Message, StringComparison.Ordinal);
    }
}
