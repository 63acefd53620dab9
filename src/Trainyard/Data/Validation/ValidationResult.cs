using Trainyard.Data.Drift;
using Trainyard.Pipelines;

namespace Trainyard.Data.Validation;

/// <summary>One broken expectation: which column (null for the whole data set), which rule, what was expected and what was seen.</summary>
internal sealed record ValidationFinding(
    CheckSeverity Severity,
    string? Column,
    string Rule,
    string Expected,
    string Observed,
    IReadOnlyList<long> ExampleLines)
{
    public static ValidationFinding Error(string? column, string rule, string expected, string observed, IReadOnlyList<long>? lines = null) =>
        new(CheckSeverity.Error, column, rule, expected, observed, lines ?? []);

    public static ValidationFinding Warning(string? column, string rule, string expected, string observed, IReadOnlyList<long>? lines = null) =>
        new(CheckSeverity.Warning, column, rule, expected, observed, lines ?? []);
}

/// <summary>What ValidateData concluded about one data file: errors fail the build, warnings do not.</summary>
internal sealed record ValidationResult(
    string Pipeline,
    string DataPath,
    long Rows,
    IReadOnlyList<ValidationFinding> Findings,
    DatasetDrift? Drift,
    string? DriftReference,
    string? DriftNote)
{
    /// <summary>The verdict on a data file that could not be read to the end (a CSV syntax error, a missing file or schema).</summary>
    public static ValidationResult Unreadable(PipelineSpec spec, TrainyardException problem) => new(spec.Name, spec.Data.Path, 0,
        [problem is Csv.DataFileException data
            ? ValidationFinding.Error(data.Column, "syntax", "a readable CSV file", data.Message, [data.Line])
            : ValidationFinding.Error(null, "readable", "a readable data file, schema and reference profile", problem.Message)],
        null, null, "drift not checked: the data could not be read");

    /// <summary>The files read when data.path names several; example lines are then <see cref="Files.DataLine"/>s into them.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>An example line as people read it: <c>1,234</c>, or <c>2026-02.csv:17</c> when several files were read.</summary>
    public string LineName(long line) => Files.Count > 1 ? Data.Files.DataLine.Name(Files, line) : line.ToString("N0");

    public int Errors => Findings.Count(f => f.Severity == CheckSeverity.Error);
    public int Warnings => Findings.Count(f => f.Severity == CheckSeverity.Warning);
    public bool Passed => Errors == 0;
}
