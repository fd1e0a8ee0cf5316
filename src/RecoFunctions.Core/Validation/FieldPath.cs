namespace RecoFunctions.Core.Validation;

/// <summary>
/// A configured field path such as <c>content.title</c> or <c>content.tags[]</c>, split into segments once at start-up.
/// A segment of <c>null</c> stands for "every element of the array".
/// </summary>
internal sealed class FieldPath
{
    private FieldPath(string text, IReadOnlyList<string?> segments)
    {
        Text = text;
        Segments = segments;
    }

    public string Text { get; }

    public IReadOnlyList<string?> Segments { get; }

    public bool HasElements => Segments.Contains(null);

    /// <summary>Parses a configured path; <paramref name="error"/> says what is wrong with it otherwise.</summary>
    public static FieldPath? TryParse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "is empty";
            return null;
        }

        if (text.StartsWith('$'))
        {
            error = "must be written without the leading '$.' (e.g. content.title)";
            return null;
        }

        var segments = new List<string?>();
        foreach (var part in text.Split('.'))
        {
            var name = part;
            var elements = 0;
            while (name.EndsWith("[]", StringComparison.Ordinal))
            {
                name = name[..^2];
                elements++;
            }

            if (name.Length == 0 || name.AsSpan().IndexOfAny("[]$ \t") >= 0)
            {
                error = $"is not a valid field path: segment '{part}' must be a property name optionally followed by [] (e.g. content.tags[])";
                return null;
            }

            segments.Add(name);
            for (var i = 0; i < elements; i++)
            {
                segments.Add(null);
            }
        }

        return new FieldPath(text, segments);
    }
}
