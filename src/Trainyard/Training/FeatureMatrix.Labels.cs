using System.Globalization;
using Trainyard.Data.Table;
using Trainyard.Pipelines;

namespace Trainyard.Training;

/// <summary>Label vectors: the class index (in the featurizer's class order) for classification, the value for regression.</summary>
internal sealed partial class FeatureMatrix
{
    public float[] Labels(ReadOnlySpan<int> rows)
    {
        var labels = new float[rows.Length];
        var classes = Featurizer.Definition.Label!.Classes;
        switch (_label)
        {
            case NumericColumn numeric when Task == PipelineTask.Regression:
                for (var i = 0; i < rows.Length; i++)
                    labels[i] = numeric.Missing[rows[i]] ? throw MissingLabel(rows[i]) : (float)numeric.Values[rows[i]];
                break;
            case CategoricalColumn categorical:
                var indexOfCode = categorical.Categories.Select(c => IndexOf(classes, c)).ToArray();
                for (var i = 0; i < rows.Length; i++)
                {
                    var code = categorical.Codes[rows[i]];
                    labels[i] = code < 0 ? throw MissingLabel(rows[i]) : indexOfCode[code];
                }
                break;
            case BooleanColumn flags:
                var trueIndex = IndexOf(classes, "true");
                for (var i = 0; i < rows.Length; i++)
                    labels[i] = flags.Missing[rows[i]] ? throw MissingLabel(rows[i]) : flags.Values[rows[i]] ? trueIndex : 1 - trueIndex;
                break;
        }
        return labels;
    }

    private static int IndexOf(IReadOnlyList<string> classes, string value)
    {
        for (var k = 0; k < classes.Count; k++) if (classes[k] == value) return k;
        return -1;
    }

    private TrainyardException MissingLabel(int row) =>
        new($"{_table.Where(row)}: the label '{_label.Name}' is missing; drop rows without a label before training");

    private static IReadOnlyList<string> Classes(DataColumn label, PipelineTask task, string? positiveClass, string path)
    {
        if (task == PipelineTask.Regression)
            return label is NumericColumn ? [] : throw new TrainyardException($"the label '{label.Name}' in {path} is {label.Type.ToString().ToLowerInvariant()}; regression needs a numeric label");

        List<string> present = label switch
        {
            CategoricalColumn categorical => PresentCategories(categorical),
            BooleanColumn => ["false", "true"],
            _ => throw new TrainyardException($"the label '{label.Name}' in {path} is {label.Type.ToString().ToLowerInvariant()}; classification needs a categorical or boolean label (declare it categorical in the schema)"),
        };
        if (task == PipelineTask.Multiclass)
            return present.Count >= 2 ? present : throw new TrainyardException($"the label '{label.Name}' in {path} has {present.Count} class; multiclass needs at least two");

        if (present.Count != 2)
            throw new TrainyardException($"the label '{label.Name}' in {path} has {present.Count} classes ({string.Join(", ", present)}); a binary task needs exactly two");
        var positive = positiveClass ?? (label is BooleanColumn ? "true" : null)
            ?? throw new TrainyardException($"a binary task needs the positive class of '{label.Name}' (data.positive_class in the pipeline spec)");
        if (!present.Contains(positive))
            throw new TrainyardException($"the positive class '{positive}' is not a value of '{label.Name}' in {path} (its values: {string.Join(", ", present)})");
        return [present.Single(c => c != positive), positive];
    }

    private static List<string> PresentCategories(CategoricalColumn column)
    {
        var present = new bool[column.Categories.Count];
        foreach (var code in column.Codes) if (code >= 0) present[code] = true;
        return column.Categories.Where((_, code) => present[code]).ToList();
    }
}
