namespace RecoFunctions.Testing;

/// <summary>
/// Names the <see cref="ISkipCondition"/> (a class with a public parameterless constructor) that decides whether the
/// <see cref="ContractFactAttribute"/> tests of the marked class run.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class SkipUnlessAttribute(Type condition) : Attribute
{
    public Type Condition { get; } = condition ?? throw new ArgumentNullException(nameof(condition));
}
