using Trainyard.Artifacts;
using Trainyard.Data.Profiling;
using Trainyard.Reporting.Charts;

namespace Trainyard.Reporting;

/// <summary>The data part: validation findings, drift per column, and each column's profile against the reference.</summary>
internal static class DataSectionBuilder
{
    const int TopCategories = 12;

    public static DataSection Build(ReportInputs inputs)
    {
        var validation = inputs.Validation;
        var drift = validation?.Drift.ToDictionary(d => d.Column, StringComparer.Ordinal) ?? [];
        var reference = inputs.ReferenceProfile?.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal) ?? [];
        var missing = string.Join("; ", new[] { inputs.Problem(ArtifactPaths.ValidationFile), inputs.Problem(ArtifactPaths.ProfileFile) }.OfType<string>());
        IReadOnlyList<Fact> summary = validation is null ? [] : [
            new("Verdict", validation.Passed ? "passed" : "failed"), new("Rows", Display.Number(validation.Rows)),
            new("Errors", validation.Errors.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Warnings", validation.Warnings.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            .. validation.DriftReference is { } r ? [new Fact("Drift reference", r)] : Array.Empty<Fact>(),
            .. validation.DriftNote is { } note ? [new Fact("Drift", note)] : Array.Empty<Fact>(),
        ];
        var columns = inputs.Profile?.Columns.Select(c => Column(c, reference.GetValueOrDefault(c.Name), drift.GetValueOrDefault(c.Name))).ToArray() ?? [];
        return new DataSection(missing.Length > 0 ? missing : null, summary, validation?.Findings ?? [], validation?.DriftReason,
            validation?.Drift ?? [], columns);
    }

    static ColumnView Column(ColumnProfile column, ColumnProfile? reference, DriftRow? drift)
    {
        IReadOnlyList<Fact> facts = [
            new("rows", Display.Number(column.Count)), new("missing", Display.Number(column.Missing)),
            new("distinct", Display.Number(column.Distinct)),
            .. column.Mean is { } mean ? [new Fact("mean", Display.Number(mean)), new Fact("sd", Display.Number(column.StandardDeviation))] : Array.Empty<Fact>(),
            .. column.Min is { } min ? [new Fact("range", $"{Display.Number(min)} – {Display.Number(column.Max)}")] : Array.Empty<Fact>(),
        ];
        return new ColumnView(column.Name, column.Type.ToString().ToLowerInvariant(), facts,
            drift is null ? null : $"{drift.Verdict}: {drift.Reason}", drift?.Drifted ?? false, Chart(column, reference));
    }

    static ChartView? Chart(ColumnProfile column, ColumnProfile? reference)
    {
        if (column.Histogram is { Counts.Count: > 0 } histogram)
            return new ChartView($"{column.Name} histogram", new HistogramChart($"{column.Name}: training data (bars) and reference (line)",
                new HistogramBins(histogram.Edges, histogram.Counts),
                reference?.Histogram is { } r ? new HistogramBins(r.Edges, r.Counts) : null).ToSvg());
        if (column.TopCategories is { Count: > 0 } categories)
        {
            var referenceShares = reference?.TopCategories?.ToDictionary(c => c.Value, c => c.Share, StringComparer.Ordinal);
            string[] series = referenceShares is null ? ["share"] : ["share", "reference share"];
            return new ChartView($"{column.Name} categories", new BarChart($"{column.Name}: share of rows by category", series,
                [.. categories.Take(TopCategories).Select(c => new BarRow(c.Value,
                    referenceShares is null ? [c.Share] : [c.Share, referenceShares.TryGetValue(c.Value, out var s) ? s : null]))]).ToSvg(360));
        }
        return null;
    }
}
