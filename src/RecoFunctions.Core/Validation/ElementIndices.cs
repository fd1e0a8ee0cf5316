using System.Runtime.CompilerServices;

namespace RecoFunctions.Core.Validation;

/// <summary>The array indices on the way to the value being checked; only read when a violation needs its path.</summary>
[InlineArray(MaxNesting)]
internal struct ElementIndices
{
    /// <summary>How many <c>[]</c> a configured path may contain.</summary>
    public const int MaxNesting = 8;

    private int _element;
}
