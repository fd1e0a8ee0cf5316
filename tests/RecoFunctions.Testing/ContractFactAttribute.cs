using Xunit;
using Xunit.Sdk;

namespace RecoFunctions.Testing;

/// <summary>
/// A <see cref="FactAttribute"/> for shared contract suites. It runs like <c>[Fact]</c>, except that the concrete test
/// class may carry <see cref="SkipUnlessAttribute"/>: when that condition reports a reason (e.g. the emulator a store
/// needs is not running), every inherited test of the class is reported as skipped with it instead of failing.
/// </summary>
[XunitTestCaseDiscoverer("RecoFunctions.Testing.ContractFactDiscoverer", "RecoFunctions.Testing")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ContractFactAttribute : FactAttribute;
