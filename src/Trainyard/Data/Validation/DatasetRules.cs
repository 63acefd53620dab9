using Trainyard.Data.Scanning;
using Trainyard.Pipelines;

namespace Trainyard.Data.Validation;

/// <summary>Rules about the data set as a whole: enough rows, duplicate rows, unique ids.</summary>
internal static class DatasetRules
{
    public static IEnumerable<ValidationFinding> Check(PipelineSpec spec, string? idColumn, ScanResult scan)
    {
        var rules = spec.Validation;
        if (scan.RowCount < rules.MinRows)
            yield return ValidationFinding.Error(null, "min_rows", $"at least {rules.MinRows:N0} rows", $"{scan.RowCount:N0} rows");

        if (scan.DuplicateRows is { Count: > 0 } duplicates && rules.DuplicateRows.Severity != CheckSeverity.Off)
        {
            var share = (double)duplicates.Count / Math.Max(1, scan.RowCount);
            if (share > rules.DuplicateRows.MaxShare)
                yield return new ValidationFinding(rules.DuplicateRows.Severity, null, "duplicate_rows",
                    $"≤ {Describe.Share(rules.DuplicateRows.MaxShare)} duplicate rows",
                    $"{(duplicates.IsExact ? "" : "about ")}{duplicates.Count:N0} rows ({Describe.Share(share)}) repeat an earlier row"
                    + FirstRepeat(duplicates, scan.Files),
                    duplicates.Examples.Select(e => e.Line).ToList());
        }

        if (idColumn is not null && scan.DuplicateIds is { Count: > 0 } ids)
            yield return ValidationFinding.Error(idColumn, "unique_id", "a different value in every row",
                $"{(ids.IsExact ? "" : "about ")}{ids.Count:N0} repeated ids" + FirstRepeat(ids, scan.Files),
                ids.Examples.Select(e => e.Line).ToList());
    }

    static string FirstRepeat(DuplicateSummary summary, IReadOnlyList<string> files) =>
        summary.Examples.FirstOrDefault() is { } first
            ? $", e.g. line {Name(first.Line, files)} repeats line {Name(first.FirstLine, files)}{(first.Value is null ? "" : $" ({ShownValue.Quoted(first.Value)})")}"
            : "";

    static string Name(long line, IReadOnlyList<string> files) => files.Count > 1 ? Files.DataLine.Name(files, line) : line.ToString("N0");
}
