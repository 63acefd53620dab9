using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Trainyard.IO;

namespace Trainyard.Data.Validation;

/// <summary>
/// Writes validation.json: the verdict, every finding and the drift results, for later targets (Report, Comment)
/// and for other tools. The shape is documented in the README ("validation.json").
/// </summary>
internal static class ValidationJson
{
    public const int FormatVersion = 1;

    static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        // People read this file too: keep '<' and '–' as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Serialize(ValidationResult result) => JsonSerializer.Serialize(new
    {
        format_version = FormatVersion,
        pipeline = result.Pipeline,
        data = result.DataPath,
        rows = result.Rows,
        passed = result.Passed,
        errors = result.Errors,
        warnings = result.Warnings,
        files = result.Files.Count > 1 ? result.Files : null,
        // Several files: an example line is "2026-02.csv:17", since a bare number would not say which file.
        findings = result.Files.Count > 1
            ? result.Findings.Select(f => (object)new { f.Severity, f.Column, f.Rule, f.Expected, f.Observed, ExampleLines = f.ExampleLines.Select(l => Files.DataLine.Name(result.Files, l)) })
            : result.Findings,
        drift = result.Drift is null ? null : new
        {
            reference = result.DriftReference,
            verdict = result.Drift.Verdict,
            share_drifted = result.Drift.ShareDrifted,
            threshold = result.Drift.Threshold,
            reason = result.Drift.Reason,
            columns = result.Drift.Columns,
        },
        drift_note = result.DriftNote,
    }, Options);

    public static Task WriteAsync(string path, ValidationResult result, CancellationToken cancellationToken) =>
        AtomicFile.WriteAllTextAsync(path, Serialize(result) + "\n", cancellationToken);
}
