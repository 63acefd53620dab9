using System.Text.Json;
using System.Text.Json.Serialization;
using Trainyard.IO;

namespace Trainyard.Evaluation;

/// <summary>
/// Reads and writes metrics.json (shape: docs/metrics.md): snake_case members, enums in lower case, undefined
/// metrics written as null (never left out, so readers see one shape), unknown members ignored on reading so
/// additive changes keep the format version.
/// </summary>
internal static class MetricsJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    public static string Serialize(MetricsReport report) => JsonSerializer.Serialize(report, Options);

    public static Task WriteAsync(string path, MetricsReport report, CancellationToken cancellationToken = default) =>
        AtomicFile.WriteAsync(path, (stream, ct) => JsonSerializer.SerializeAsync(stream, report, Options, ct), cancellationToken);

    public static async Task<MetricsReport> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TrainyardException($"Cannot read the metrics file: {e.Message}", new SourceLocation(path), e);
        }
        return Deserialize(json, path);
    }

    /// <summary>Parses a metrics.json; <paramref name="source"/> names it in errors (a path, or a registry reference).</summary>
    public static MetricsReport Deserialize(string json, string source)
    {
        var expected = $"expected Trainyard metrics (a JSON object with format_version {MetricsReport.CurrentFormatVersion})";
        try
        {
            using (var document = JsonDocument.Parse(json))
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format_version", out var version) ||
                    version.ValueKind != JsonValueKind.Number)
                    throw new TrainyardException($"Not a metrics file: {expected}.", new SourceLocation(source));
                if (!version.TryGetInt32(out var number) || number != MetricsReport.CurrentFormatVersion)
                    throw new TrainyardException(
                        $"Metrics format_version {version.GetRawText()} is not supported: {expected}. Evaluate the model again with this Trainyard version.",
                        new SourceLocation(source));
            }
            return JsonSerializer.Deserialize<MetricsReport>(json, Options)
                ?? throw new TrainyardException($"Not a metrics file: {expected}.", new SourceLocation(source));
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } zeroBased ? (int)zeroBased + 1 : (int?)null;
            throw new TrainyardException($"Malformed metrics file, {expected}: {e.Message}", new SourceLocation(source, line), e);
        }
    }
}
