using System.Text.Json;

namespace Trainyard.IO;

/// <summary>What a kind of Trainyard JSON document is called in messages, which format it must have, and what to do when it is stale.</summary>
/// <param name="Name">Lower case, as in "Not a data profile".</param>
/// <param name="Title">Capitalised, as in "Data profile format_version 2 is not supported".</param>
/// <param name="Remedy">What to run to get a readable one.</param>
internal sealed record JsonDocumentKind(string Name, string Title, int FormatVersion, string Expected, string Remedy);

/// <summary>
/// Reads back the JSON documents Trainyard writes (profiles, metrics, run records): each carries a format_version,
/// and anything unreadable, malformed, of another kind or of another version is a TrainyardException naming the
/// file, the line where known, what was expected and what to run instead.
/// </summary>
internal static class VersionedJson
{
    public static async Task<T> ReadAsync<T>(string path, JsonDocumentKind kind, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TrainyardException($"Cannot read the {kind.Name}: {e.Message}", new SourceLocation(path), e);
        }
        return Deserialize<T>(json, path, kind, options);
    }

    /// <summary>Parses a document; <paramref name="source"/> names it in errors (a path, or a registry reference).</summary>
    public static T Deserialize<T>(string json, string source, JsonDocumentKind kind, JsonSerializerOptions options)
    {
        try
        {
            using (var document = JsonDocument.Parse(json))
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format_version", out var version) ||
                    version.ValueKind != JsonValueKind.Number)
                    throw new TrainyardException($"Not a {kind.Name}: {kind.Expected}.", new SourceLocation(source));
                if (!version.TryGetInt32(out var number) || number != kind.FormatVersion)
                    throw new TrainyardException(
                        $"{kind.Title} format_version {version.GetRawText()} is not supported: {kind.Expected}. {kind.Remedy}",
                        new SourceLocation(source));
            }
            return JsonSerializer.Deserialize<T>(json, options)
                ?? throw new TrainyardException($"Not a {kind.Name}: {kind.Expected}.", new SourceLocation(source));
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } zeroBased ? (int)zeroBased + 1 : (int?)null;
            throw new TrainyardException($"Malformed {kind.Name}, {kind.Expected}: {e.Message}", new SourceLocation(source, line), e);
        }
    }
}
