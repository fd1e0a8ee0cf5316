namespace RecoFunctions.Sandbox.Endpoints;

/// <summary>Reads a whole request body; null when the body is JSON <c>null</c>.</summary>
/// <exception cref="System.Text.Json.JsonException">Not JSON of the expected shape.</exception>
internal delegate T? Utf8BodyReader<out T>(ReadOnlySpan<byte> utf8);
