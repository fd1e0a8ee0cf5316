using System.Text.Json.Serialization;
using RecoFunctions.Core.Delivery;

namespace RecoFunctions.Sandbox.Wire;

/// <summary>The members of <see cref="ItemPayload"/>; only <see cref="ContentId"/> is kept, the other strings are checked and dropped.</summary>
internal sealed class ItemPayloadBody : PayloadBody
{
    public string? ContentId { get; set; }

    [JsonConverter(typeof(CheckedStringConverter))]
    public string? Kind { get; set; }

    [JsonConverter(typeof(CheckedStringConverter))]
    public string? Title { get; set; }

    [JsonConverter(typeof(CheckedStringConverter))]
    public string? Summary { get; set; }

    [JsonConverter(typeof(CheckedStringConverter))]
    public string? Body { get; set; }

    [JsonConverter(typeof(CheckedStringConverter))]
    public string? Author { get; set; }

    [JsonConverter(typeof(CheckedStringConverter))]
    public string? Category { get; set; }

    [JsonConverter(typeof(CheckedStringConverter))]
    public string? Locale { get; set; }

    [JsonConverter(typeof(CheckedStringConverter))]
    public string? SourceUrl { get; set; }

    [JsonConverter(typeof(CheckedStringConverter))]
    public string? ImageUrl { get; set; }

    public int? WordCount { get; set; }

    [JsonConverter(typeof(CheckedStringListConverter))]
    public IReadOnlyList<string>? Tags { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }
}
