using System.Text.Json;
using System.Text.Json.Serialization;
using Trainyard.IO;

namespace Trainyard.Artifacts.Monitoring;

/// <summary>Reads and writes monitor.json: snake_case like metrics.json, written atomically, unknown members ignored on reading.</summary>
internal static class MonitorJson
{
    static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    static readonly JsonDocumentKind Kind = new("monitor report", "Monitor report", MonitorReport.CurrentFormatVersion,
        $"expected a Trainyard monitor report (a JSON object with format_version {MonitorReport.CurrentFormatVersion})",
        "Run Monitor again with this Trainyard version.");

    public static string Serialize(MonitorReport report) => JsonSerializer.Serialize(report, Options);

    public static Task WriteAsync(string path, MonitorReport report, CancellationToken cancellationToken = default) =>
        AtomicFile.WriteAsync(path, (stream, ct) => JsonSerializer.SerializeAsync(stream, report, Options, ct), cancellationToken);

    public static Task<MonitorReport> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        VersionedJson.ReadAsync<MonitorReport>(path, Kind, Options, cancellationToken);

    public static MonitorReport Deserialize(string json, string source) => VersionedJson.Deserialize<MonitorReport>(json, source, Kind, Options);
}
