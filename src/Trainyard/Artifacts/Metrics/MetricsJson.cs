using System.Text.Json;
using System.Text.Json.Serialization;
using Trainyard.IO;

namespace Trainyard.Artifacts.Metrics;

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

    static readonly JsonDocumentKind Kind = new("metrics file", "Metrics", MetricsReport.CurrentFormatVersion,
        $"expected Trainyard metrics (a JSON object with format_version {MetricsReport.CurrentFormatVersion})",
        "Evaluate the model again with this Trainyard version.");

    public static Task<MetricsReport> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        VersionedJson.ReadAsync<MetricsReport>(path, Kind, Options, cancellationToken);

    /// <summary>Parses a metrics file; <paramref name="source"/> names it in errors (a path, or a registry reference).</summary>
    public static MetricsReport Deserialize(string json, string source) => VersionedJson.Deserialize<MetricsReport>(json, source, Kind, Options);
}
