using Trainyard.Data.Profiling;
using Trainyard.Pipelines;

namespace Trainyard.Data.Validation;

/// <summary>Checks that the label is present and valid for the pipeline's task: numeric for regression, known classes for classification.</summary>
internal static class LabelRules
{
    public static IEnumerable<ValidationFinding> Check(
        PipelineSpec spec, DatasetSchema schema, DataProfile profile, IReadOnlyList<RuleViolations> violations)
    {
        var label = spec.Data.Label;
        if (schema.Label is { } schemaLabel && schemaLabel != label)
        {
            yield return ValidationFinding.Error(label, "label", $"the schema's label to be '{label}' as in {spec.SourcePath}",
                $"{spec.Schema} names '{schemaLabel}'");
            yield break;
        }
        if (profile.Find(label) is not { } column)
        {
            // A schema that lists the label already reported it as a missing required column.
            if (schema.Find(label) is null)
                yield return ValidationFinding.Error(label, "label", $"a label column '{label}'", "missing from the header");
            yield break;
        }
        if (spec.Validation.LabelRequired && column.Missing > 0)
            yield return ValidationFinding.Error(label, "label", "a label in every row",
                $"{column.Missing:N0} of {column.Count:N0} rows have no label (or set validation.label_required: false)");

        var task = spec.Task.ToString().ToLowerInvariant();
        if (spec.Task == PipelineTask.Regression)
        {
            if (column.Type != ColumnType.Numeric)
                yield return ValidationFinding.Error(label, "label", "a numeric label for a regression task", $"a {column.Type.ToString().ToLowerInvariant()} column");
            yield break;
        }
        if (column.Type is not (ColumnType.Categorical or ColumnType.Boolean))
        {
            yield return ValidationFinding.Error(label, "label", $"a categorical label for a {task} task",
                $"a {column.Type.ToString().ToLowerInvariant()} column (declare it 'type: categorical' in {spec.Schema})");
            yield break;
        }

        var known = schema.Find(label)?.Categories;
        var unknown = violations.FirstOrDefault(v => v.Column == label && v.Rule == RowRule.Categories && v.Failing > 0);
        if (unknown is not null)
            yield return ValidationFinding.Error(label, "label", $"one of the {task} task's classes: {Describe.List(known ?? [])}",
                SchemaRules.Observed(unknown, 1), unknown.ExampleLines);

        var observed = column.CategoryCounts()?.Where(c => c.Value > 0).Select(c => c.Key).Order(StringComparer.Ordinal).ToList() ?? [];
        if (spec.Task == PipelineTask.Binary)
        {
            if (known is not null && known.Count != 2)
                yield return ValidationFinding.Error(label, "label", $"exactly two classes in {spec.Schema} for a binary task", Describe.List(known));
            else if (known is null && observed.Count > 2)
                yield return ValidationFinding.Error(label, "label", "two classes for a binary task", $"{observed.Count} classes: {Describe.List(observed)}");
            if (spec.Data.PositiveClass is { } positive && !observed.Contains(positive))
                yield return ValidationFinding.Error(label, "label", $"rows of the positive class '{positive}'",
                    observed.Count == 0 ? "no labelled rows" : $"only {Describe.List(observed)}");
        }
        if (observed.Count < 2 && unknown is null)
            yield return ValidationFinding.Error(label, "label", $"at least two classes for a {task} task",
                observed.Count == 0 ? "no labelled rows" : $"only {Describe.List(observed)}");
    }
}
