using System.Text.Json;
using System.Text.Json.Serialization;
using Trainyard.IO;

namespace Trainyard.Artifacts.Monitoring;

// STAND-IN for the monitor branch's record (docs: /work/notes/monitor-contract.md), so Retrain compiles before the
// merge. At merge, take the monitor branch's MonitorReport.cs (and its MonitorJson.cs) and drop this file: Retrain
// uses only the contract's members, ReadAsync/WriteAsync and MonitorGateOutcome(Metric, Outcome, Message).

/// <summary>What Monitor found in one window of the prediction log (artifacts/&lt;pipeline&gt;/monitor.json).</summary>
internal sealed record MonitorReport(
    string Pipeline, string ProductionVersion, DateTimeOffset From, DateTimeOffset To,
    long Predictions, long SkippedLines,
    string Verdict,
    bool Retrain, IReadOnlyList<string> RetrainReasons,
    IReadOnlyList<string> DriftedColumns,
    IReadOnlyList<VersionFigures> Versions,
    IReadOnlyList<MonitorGateOutcome> Gates)
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    public string Summary { get; init; } = "";

    static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    static readonly JsonDocumentKind Kind = new("monitor report", "Monitor report", CurrentFormatVersion,
        $"expected a Trainyard monitor report (a JSON object with format_version {CurrentFormatVersion})", "Run Monitor again with this Trainyard version.");

    public static Task<MonitorReport> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        VersionedJson.ReadAsync<MonitorReport>(path, Kind, Options, cancellationToken);

    public Task WriteAsync(string path, CancellationToken cancellationToken = default) =>
        AtomicFile.WriteAsync(path, (stream, ct) => JsonSerializer.SerializeAsync(stream, this, Options, ct), cancellationToken);
}

/// <summary>Every figure of one version over the window (stand-in: the monitor branch's record has the figures).</summary>
internal sealed record VersionFigures(string Version);

/// <summary>One monitor gate on one version.</summary>
/// <param name="Outcome"><c>passed</c>, <c>failed</c>, or <c>not_measured</c>.</param>
internal sealed record MonitorGateOutcome(
    string Gate, string Version, string Metric, double? Value, double? Evaluated, double? Threshold, string Outcome, string Message, string? Location = null);
