namespace RecoFunctions.Local.Cli.Shared;

/// <summary>
/// One line of a JSON Lines input, without its line ending. <see cref="Value"/> is only valid until the next read.
/// A line longer than the reader's limit is not kept: <see cref="OversizedLength"/> says how long it was.
/// </summary>
internal readonly record struct JsonLine(long Number, ReadOnlyMemory<byte> Value, long OversizedLength)
{
    public bool IsOversized => OversizedLength > 0;
}
