namespace RecoFunctions.Testing;

/// <summary>
/// Test traits. Drills run <c>reco</c> as processes of their own and take minutes; the fast suite leaves them out with
/// <c>dotnet test --filter "Category!=Drill"</c>.
/// </summary>
public static class TestCategories
{
    public const string Key = "Category";

    /// <summary>Multi-process drills and other tests that start <c>reco</c> processes.</summary>
    public const string Drill = "Drill";
}
