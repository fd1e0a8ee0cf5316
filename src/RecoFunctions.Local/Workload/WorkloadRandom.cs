namespace RecoFunctions.Local.Workload;

/// <summary>
/// xoshiro256** seeded through SplitMix64: fast, and its sequence is fixed by this code rather than by the runtime's
/// <see cref="Random"/>, so a seed reproduces a workload byte for byte on any .NET version.
/// </summary>
internal sealed class WorkloadRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public WorkloadRandom(long seed)
    {
        var state = (ulong)seed;
        _s0 = SplitMix(ref state);
        _s1 = SplitMix(ref state);
        _s2 = SplitMix(ref state);
        _s3 = SplitMix(ref state);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A number from 0 to <paramref name="count"/> − 1 (Lemire's multiply-shift; the tiny bias is irrelevant here).</summary>
    public int Next(int count) => (int)Math.BigMul(NextUInt64(), (ulong)count, out _);

    /// <summary>A number from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public int Next(int from, int to) => from + Next(to - from + 1);

    /// <summary>A number in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(T[] values) => values[Next(values.Length)];

    public void NextBytes(Span<byte> bytes)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)NextUInt64();
        }
    }

    /// <summary>A version-4 style GUID drawn from this sequence (so event ids repeat with the seed too).</summary>
    public Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, NextUInt64());
        BitConverter.TryWriteBytes(bytes[8..], NextUInt64());
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>A stable hash of a seed and an index: per-key traits without storing them.</summary>
    public static ulong Mix(long seed, long index)
    {
        var state = (ulong)seed ^ ((ulong)index * 0x9E3779B97F4A7C15UL);
        return SplitMix(ref state);
    }

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
