namespace RecoFunctions.Sandbox.Catalog;

/// <summary>FNV-1a over a string's UTF-16 code units: the same id gives the same content in every run and process.</summary>
internal static class StableHash
{
    public static ulong Of(string value, ulong seed = 14695981039346656037UL)
    {
        var hash = seed;
        foreach (var c in value)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        return hash;
    }

    /// <summary>A well-mixed next value (xorshift64*), for drawing several numbers from one hash.</summary>
    public static ulong Next(ref ulong state)
    {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 2685821657736338717UL;
    }
}
