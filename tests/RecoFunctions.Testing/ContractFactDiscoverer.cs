using System.Collections.Concurrent;
using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace RecoFunctions.Testing;

/// <summary>
/// Discovers <see cref="ContractFactAttribute"/> tests: a normal test case, or a skipped one carrying the reason of the
/// concrete class's <see cref="SkipUnlessAttribute"/> condition. Conditions are evaluated once per type.
/// </summary>
public sealed class ContractFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    private static readonly ConcurrentDictionary<Type, string?> Reasons = new();

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var reason = SkipReasonFor(testMethod.TestClass.Class.ToRuntimeType());
        return reason is null
            ? [new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)]
            : [new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, reason)];
    }

    /// <summary>The skip reason for tests of <paramref name="testClass"/>, or null to run them.</summary>
    public static string? SkipReasonFor(Type? testClass)
    {
        var condition = testClass?.GetCustomAttribute<SkipUnlessAttribute>(inherit: true)?.Condition;
        return condition is null ? null : Reasons.GetOrAdd(condition, Evaluate);
    }

    private static string? Evaluate(Type condition) =>
        typeof(ISkipCondition).IsAssignableFrom(condition)
            ? ((ISkipCondition)Activator.CreateInstance(condition)!).SkipReason
            : $"{condition.FullName} does not implement {nameof(ISkipCondition)}";
}
