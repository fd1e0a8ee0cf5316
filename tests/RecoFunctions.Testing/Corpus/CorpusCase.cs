namespace RecoFunctions.Testing.Corpus;

/// <summary>
/// One message of the validation corpus and the exact violations it must produce, each written <c>path rule</c>
/// (e.g. <c>$.content.tags[2] type</c>), in the order they must be reported.
/// </summary>
public sealed record CorpusCase(string Flow, string Source, string Name, int Line, byte[] Value, string? Key, IReadOnlyList<string> Expected)
{
    public override string ToString() => $"{Flow}/{Source}:{Line} {Name}";
}
