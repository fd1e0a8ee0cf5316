using Azure.Data.Tables;
using RecoFunctions.Core.Windowing;

namespace RecoFunctions.Functions.WindowState;

/// <summary>The partition's checkpoint row; the watermark is kept as UTC ticks, since table dates start only in 1601.</summary>
internal static class CheckpointRow
{
    private const string NextOffsetProperty = "NextOffset";

    private const string WatermarkProperty = "WatermarkUtcTicks";

    public static TableEntity Create(string partitionKey, PartitionCheckpoint checkpoint) => new(partitionKey, WindowStateKeys.CheckpointRow)
    {
        [NextOffsetProperty] = checkpoint.NextOffset,
        [WatermarkProperty] = checkpoint.Watermark.UtcTicks,
    };

    public static PartitionCheckpoint Read(TableEntity entity) => new(
        entity.GetInt64(NextOffsetProperty) ?? throw new InvalidDataException($"The checkpoint of {entity.PartitionKey} has no {NextOffsetProperty}."),
        new DateTimeOffset(entity.GetInt64(WatermarkProperty) ?? throw new InvalidDataException($"The checkpoint of {entity.PartitionKey} has no {WatermarkProperty}."), TimeSpan.Zero));
}
