using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using RecoFunctions.Core.Delivery;

namespace RecoFunctions.Sandbox.Recording;

/// <summary>
/// One SHA-256 over sorted feature records (each as its JSON line): two runs over the same input end with the same
/// digest, whatever the number of calls and replays it took, so a drill compares a string instead of every record.
/// </summary>
public static class FeatureDigest
{
    /// <param name="sortedFeatures">Records as <see cref="FeatureRecorder.GetFeatures"/> lists them.</param>
    /// <returns>Lower-case hexadecimal.</returns>
    public static string Of(IReadOnlyList<FeatureRecord> sortedFeatures)
    {
        ArgumentNullException.ThrowIfNull(sortedFeatures);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer);
        foreach (var feature in sortedFeatures)
        {
            buffer.ResetWrittenCount();
            writer.Reset();
            JsonSerializer.Serialize(writer, feature, FeatureJsonContext.Default.FeatureRecord);
            writer.Flush();
            hash.AppendData(buffer.WrittenSpan);
            hash.AppendData("\n"u8);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
