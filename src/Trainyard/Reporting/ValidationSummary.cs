using System.Text.Json;

namespace Trainyard.Reporting;

internal sealed record FindingRow(string Severity, string Column, string Rule, string Expected, string Observed);

internal sealed record DriftRow(string Column, string Method, string Score, string Threshold, string Verdict, bool Drifted, string Reason);

/// <summary>
/// What the report shows of validation.json. Read as a JSON document rather than as ValidationResult, because the
/// file is written from an anonymous shape and the report needs only its display strings.
/// </summary>
internal sealed record ValidationSummary(bool Passed, long Rows, int Errors, int Warnings, IReadOnlyList<FindingRow> Findings,
    string? DriftReference, string? DriftReason, IReadOnlyList<DriftRow> Drift, string? DriftNote)
{
    public static async Task<ValidationSummary> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        var root = document.RootElement;
        var drift = root.TryGetProperty("drift", out var d) && d.ValueKind == JsonValueKind.Object ? d : (JsonElement?)null;
        return new ValidationSummary(
            root.GetProperty("passed").GetBoolean(), root.GetProperty("rows").GetInt64(),
            root.GetProperty("errors").GetInt32(), root.GetProperty("warnings").GetInt32(),
            [.. root.GetProperty("findings").EnumerateArray().Select(f => new FindingRow(
                Text(f, "severity"), Text(f, "column") is { Length: > 0 } column ? column : DataSet, Text(f, "rule"), Text(f, "expected"), Text(f, "observed")))],
            drift is { } r ? Text(r, "reference") : null, drift is { } s ? Text(s, "reason") : null,
            drift is { } c ? [.. c.GetProperty("columns").EnumerateArray().Select(Row)] : [],
            root.TryGetProperty("drift_note", out var note) && note.ValueKind == JsonValueKind.String ? note.GetString() : null);
    }

    // A finding about the whole file (row count, duplicate rows) has no column; the console calls it so too.
    const string DataSet = "(data set)";

    static DriftRow Row(JsonElement column) => new(
        Text(column, "column"), Text(column, "method").Replace('_', ' '), Text(column, "score"), Text(column, "threshold"),
        Text(column, "verdict").Replace('_', ' '), Text(column, "verdict") == "drifted", Text(column, "reason"));

    static string Text(JsonElement element, string name) => !element.TryGetProperty(name, out var value) ? "" : value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Number => value.GetDouble().ToString("0.####", System.Globalization.CultureInfo.InvariantCulture),
        JsonValueKind.Null => "",
        _ => value.GetRawText(),
    };
}
