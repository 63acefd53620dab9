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
        findings = result.Findings,
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
