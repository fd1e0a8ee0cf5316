using System.Buffers;
using System.Text.Json;
using RecoFunctions.Core.Enrichment;
using RecoFunctions.Sandbox.Catalog;

namespace RecoFunctions.Sandbox.Tests;

public sealed class ContentCatalogTests
{
    [Theory]
    [InlineData("art-1", 1L, 60)]
    [InlineData("art-1", 7L, 12)]
    [InlineData("art-1", 7L, 0)]
    [InlineData("a b/c?d<e>&f'g\"h\\é", 3L, 5)]
    [InlineData("emoji-😀-ü", long.MaxValue, 1)]
    [InlineData("", 2L, 3)]
    public void Write_AnyContent_WritesWhatSerialisingCreateWrites(string contentId, long version, int words)
    {
        var catalog = new ContentCatalog(new SandboxOptions { ContentBodyWords = words });

        var written = Json(writer => catalog.Write(writer, contentId, version));
        var serialised = Json(writer => JsonSerializer.Serialize(writer, catalog.Create(contentId, version), EnrichmentJsonContext.Default.ContentDocument));

        Assert.Equal(System.Text.Encoding.UTF8.GetString(serialised), System.Text.Encoding.UTF8.GetString(written));
    }

    [Fact]
    public void Create_SameIdAndVersion_SameContentWithTheBodyWordsAsked()
    {
        var catalog = new ContentCatalog(new SandboxOptions { ContentBodyWords = 9 });

        var first = catalog.Create("art-5", 2);
        var again = catalog.Create("art-5", 2);
        var other = catalog.Create("art-5", 4);

        Assert.Equal(first with { Tags = null }, again with { Tags = null });
        Assert.Equal(9, first.Body!.ToString().TrimEnd('.').Split(' ').Length);
        Assert.EndsWith("(art-5 v2)", first.Title, StringComparison.Ordinal);
        Assert.Equal("https://images.sandbox.invalid/art-5/2.jpg", first.ImageUrl);
        Assert.NotEqual(first.Body, other.Body);
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
