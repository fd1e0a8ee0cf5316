using System.Reflection;
using RecoFunctions.Core.Tests.CircuitState;
using RecoFunctions.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace RecoFunctions.Core.Tests.Testing;

public sealed class ContractFactDiscovererTests
{
    private static readonly MethodInfo ContractTest =
        typeof(CircuitStateStoreContractTests).GetMethod(nameof(CircuitStateStoreContractTests.ReadAsync_MissingRecord_ReturnsNull))!;

    [Fact]
    public void Discover_ClassWhoseConditionGivesAReason_InheritedTestSkippedWithIt()
    {
        var testCase = Assert.Single(Discover(typeof(UnavailableStoreTests)));

        Assert.Equal("the emulator is not running", testCase.SkipReason);
    }

    [Fact]
    public void Discover_ClassWhoseConditionIsMet_InheritedTestRuns()
    {
        Assert.Null(Assert.Single(Discover(typeof(AvailableStoreTests))).SkipReason);
    }

    [Fact]
    public void Discover_ClassWithoutCondition_InheritedTestRuns()
    {
        Assert.Null(Assert.Single(Discover(typeof(InMemoryCircuitStateStoreTests))).SkipReason);
    }

    [Fact]
    public void SkipReasonFor_ConditionThatIsNotACondition_SkipsSayingSo()
    {
        Assert.Contains(nameof(ISkipCondition), ContractFactDiscoverer.SkipReasonFor(typeof(MisconfiguredStoreTests)), StringComparison.Ordinal);
    }

    private static List<IXunitTestCase> Discover(Type testClass)
    {
        var collection = new TestCollection(new TestAssembly(Reflector.Wrap(testClass.Assembly)), null, "contract");
        var method = new TestMethod(new TestClass(collection, Reflector.Wrap(testClass)), Reflector.Wrap(ContractTest));
        var attribute = Reflector.Wrap(ContractTest.GetCustomAttributesData().Single(data => data.AttributeType == typeof(ContractFactAttribute)));
        return [.. new ContractFactDiscoverer(new NullMessageSink()).Discover(new DiscoveryOptions(), method, attribute)];
    }

    // Stand-ins for concrete suites; only their attributes matter, so they hold no tests of their own.
    [SkipUnless(typeof(NeverAvailable))]
    private sealed class UnavailableStoreTests;

    [SkipUnless(typeof(AlwaysAvailable))]
    private sealed class AvailableStoreTests;

    [SkipUnless(typeof(string))]
    private sealed class MisconfiguredStoreTests;

    private sealed class NeverAvailable : ISkipCondition
    {
        public string? SkipReason => "the emulator is not running";
    }

    private sealed class AlwaysAvailable : ISkipCondition
    {
        public string? SkipReason => null;
    }

    /// <summary>No options set: the discoverer falls back to the defaults.</summary>
    private sealed class DiscoveryOptions : ITestFrameworkDiscoveryOptions
    {
        public TValue GetValue<TValue>(string name) => default!;

        public void SetValue<TValue>(string name, TValue value)
        {
        }
    }
}
