using System.Globalization;
using Azure.Data.Tables;

namespace RecoFunctions.Functions.WindowState;

/// <summary>
/// A user's serialised state as binary properties of one entity: a binary property holds at most 64 KiB and an entity
/// at most 1 MiB, so the state is split into up to <see cref="MaxChunks"/> properties <c>S00</c>, <c>S01</c>, ...
/// </summary>
internal static class StateChunks
{
    public const int ChunkBytes = 64 * 1024;

    /// <summary>15 full chunks leave room for the keys and the other properties in the entity's 1 MiB.</summary>
    public const int MaxChunks = 15;

    public const int MaxBytes = ChunkBytes * MaxChunks;

    private const string LengthProperty = "Bytes";

    public static void Write(TableEntity entity, ReadOnlyMemory<byte> state)
    {
        entity[LengthProperty] = state.Length;
        for (var index = 0; index * ChunkBytes < state.Length; index++)
        {
            var start = index * ChunkBytes;
            entity[Name(index)] = state.Slice(start, Math.Min(ChunkBytes, state.Length - start)).ToArray();
        }
    }

    public static byte[] Read(TableEntity entity)
    {
        var length = entity.GetInt32(LengthProperty) ?? throw new InvalidDataException($"Window-state row {entity.RowKey} has no {LengthProperty}.");
        var state = new byte[length];
        for (var index = 0; index * ChunkBytes < length; index++)
        {
            var chunk = entity.GetBinary(Name(index)) ?? throw new InvalidDataException($"Window-state row {entity.RowKey} misses chunk {Name(index)}.");
            chunk.CopyTo(state, index * ChunkBytes);
        }

        return state;
    }

    private static string Name(int index) => "S" + index.ToString("D2", CultureInfo.InvariantCulture);
}
