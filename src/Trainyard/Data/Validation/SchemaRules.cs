using System.Globalization;
using Trainyard.Data.Profiling;
using Trainyard.Pipelines;

namespace Trainyard.Data.Validation;

/// <summary>Checks the columns of a scanned file against the reviewed schema: presence, types, ranges, categories, null rates, constants.</summary>
internal static class SchemaRules
{
    public static IEnumerable<ValidationFinding> Check(
        DatasetSchema schema, PipelineSpec spec, IReadOnlyList<string> header, DataProfile profile, IReadOnlyList<RuleViolations> violations)
    {
        var present = header.ToHashSet(StringComparer.Ordinal);
        foreach (var column in schema.Columns.Where(c => !present.Contains(c.Name)))
        {
            var expected = $"column '{column.Name}' ({Describe.Type(column.Type)})";
            yield return column.Required
                ? ValidationFinding.Error(column.Name, "required_column", expected, "missing from the header")
                : ValidationFinding.Warning(column.Name, "optional_column", expected, "missing from the header");
        }
        foreach (var name in header.Where(h => schema.Find(h) is null))
            yield return ValidationFinding.Warning(name, "unexpected_column", "only the schema's columns", "a column the schema does not list (add it to the schema, or drop it)");

        foreach (var column in schema.Columns)
        {
            if (profile.Find(column.Name) is not { } observed) continue;
            if (observed.MissingShare > column.MaxNullRate + 1e-12)
                yield return ValidationFinding.Error(column.Name, "null_rate", $"≤ {Describe.Share(column.MaxNullRate)} missing",
                    $"{Describe.Share(observed.MissingShare)} missing ({observed.Missing:N0} of {observed.Count:N0} rows)");
            if (spec.Validation.ConstantColumns != CheckSeverity.Off && observed.Count - observed.Missing > 1 && observed.Distinct == 1)
                yield return new ValidationFinding(spec.Validation.ConstantColumns, column.Name, "constant_column",
                    "more than one distinct value", $"every value is {ShownValue.Quoted(ConstantValue(observed))}", []);
        }

        foreach (var violation in violations)
        {
            if (violation.Failing == 0 || schema.Find(violation.Column) is not { } column) continue;
            // The label's unknown classes are reported once, by LabelRules, with the task's wording.
            if (violation.Rule == RowRule.Categories && violation.Column == spec.Data.Label) continue;
            if (violation.Holds(column.Mostly)) continue;
            yield return ValidationFinding.Error(column.Name, RuleName(violation.Rule), Expected(column, violation.Rule),
                Observed(violation, column.Mostly), violation.ExampleLines);
        }
    }

    internal static string RuleName(RowRule rule) => rule switch
    {
        RowRule.Type => "type",
        RowRule.Range => "range",
        _ => "categories",
    };

    static string Expected(ColumnSchema column, RowRule rule) => rule switch
    {
        RowRule.Type => Describe.Type(column.Type),
        RowRule.Range => $"between {Describe.Number(column.Min)} and {Describe.Number(column.Max)}",
        _ => $"one of {Describe.List(column.Categories ?? [])}",
    } + (column.Mostly < 1 ? $" (mostly {Describe.Share(column.Mostly)})" : "");

    internal static string Observed(RuleViolations violation, double mostly)
    {
        var values = string.Join(", ", violation.OffendingValues.Take(5).Select(v => $"{ShownValue.Quoted(v.Value)} ×{v.Count:N0}"));
        var share = (double)violation.Failing / Math.Max(1, violation.Checked);
        return $"{violation.Failing:N0} of {violation.Checked:N0} rows ({Describe.Share(share)}) fail: {values}"
            + (violation.OffendingValues.Count > 5 ? ", …" : "");
    }

    static string ConstantValue(ColumnProfile column) =>
        column.TopCategories is { Count: > 0 } top ? top[0].Value
        : column.Min?.ToString("G6", CultureInfo.InvariantCulture) ?? "?";
}
