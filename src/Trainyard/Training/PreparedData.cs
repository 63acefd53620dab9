using System.Collections.Immutable;
using Trainyard.Data;
using Trainyard.Data.Files;
using Trainyard.Data.Table;
using Trainyard.IO;
using Trainyard.Pipelines;

namespace Trainyard.Training;

/// <summary>
/// A pipeline's data as Train and Evaluate both need it: the typed table read with the reviewed schema, its
/// deterministic split, and the feature columns. Evaluate rebuilds it rather than reading Train's matrices back,
/// so both see the same rows from the same code, and the split fingerprints in run.json can be checked.
/// </summary>
/// <param name="Source">The files and window the rows came from (run.json records them).</param>
internal sealed record PreparedData(DataTable Table, DataSplitResult Split, IReadOnlyList<string> Features, string DataPath, DataSource Source)
{
    public static async Task<PreparedData> LoadAsync(PipelineSpec spec, string root, CancellationToken cancellationToken)
    {
        var schemaPath = RepositoryPath.Full(root, spec.Schema);
        if (!File.Exists(schemaPath))
            throw new TrainyardException($"schema file not found: {spec.Schema}. Create it with './build.sh InferSchema --pipeline {spec.SourcePath}', review it and commit it.");
        var schema = SchemaFile.Parse(await File.ReadAllTextAsync(schemaPath, cancellationToken), spec.Schema);
        var source = await DataSource.OpenAsync(spec, root, cancellationToken);
        var table = await DataTable.ReadAsync(source.Files.IsSingle ? source.Shown[0] : spec.Data.Path, source.Shown, source.Format, schema,
            ColumnTypeInference.DefaultMaxCategories, source.Window, cancellationToken);

        var label = table.Find(spec.Data.Label)
            ?? throw new TrainyardException($"{spec.SourcePath}: the label column '{spec.Data.Label}' is not in {spec.Data.Path}");
        var (codes, classes) = LabelCodes(label, spec);
        var times = spec.Split.Method == SplitMethod.Time ? TimeValues(table, spec) : null;
        var split = DataSplit.Split(spec.Split, spec.Task, codes, times, classes);
        return new PreparedData(table, split, FeatureColumns(table, spec, schema), spec.Data.Path, source);
    }

    /// <summary>Per row, what the split stratifies on: the class code for classification, 0 for a regression label, −1 when missing.</summary>
    static (int[] Codes, IReadOnlyList<string>? Classes) LabelCodes(DataColumn label, PipelineSpec spec) => label switch
    {
        CategoricalColumn c when spec.Task != PipelineTask.Regression => (c.Codes.ToArray(), c.Categories),
        NumericColumn n when spec.Task == PipelineTask.Regression =>
            (n.Missing.Select(m => m ? DataSplit.MissingLabel : 0).ToArray(), null),
        _ => throw new TrainyardException(
            $"{spec.Schema}: the label '{label.Name}' is {label.Type.ToString().ToLowerInvariant()}, but a {spec.Task.ToString().ToLowerInvariant()} task needs a {(spec.Task == PipelineTask.Regression ? "numeric" : "categorical")} label"),
    };

    static double[] TimeValues(DataTable table, PipelineSpec spec) => table.Find(spec.Split.TimeColumn ?? "") switch
    {
        // The cutoff is compared as a number, so its kind must match the column's: a date for a datetime column.
        DateTimeColumn when spec.Split.NumericCutoff is { } n => throw CutoffMismatch(spec, $"a number ({n})", "datetime", "a date such as 2024-01-01"),
        NumericColumn when spec.Split.Cutoff is { } c => throw CutoffMismatch(spec, $"a date ({c:yyyy-MM-dd})", "numeric", "a number"),
        DateTimeColumn d => d.Values.Select((v, i) => d.Missing[i] ? double.NaN : DataSplit.TimeOf(v)).ToArray(),
        NumericColumn n => n.Values.Select((v, i) => n.Missing[i] ? double.NaN : v).ToArray(),
        null => throw new TrainyardException($"{spec.SourcePath}, split.time_column: '{spec.Split.TimeColumn}' is not a column of {spec.Data.Path}"),
        var other => throw new TrainyardException($"{spec.SourcePath}, split.time_column: '{other.Name}' is {other.Type.ToString().ToLowerInvariant()}; a time split needs a datetime or numeric column"),
    };

    static TrainyardException CutoffMismatch(PipelineSpec spec, string cutoff, string kind, string expected) => new(
        $"{spec.SourcePath}, split.cutoff: is {cutoff}, but time_column '{spec.Split.TimeColumn}' is {kind}; write the cutoff as {expected}",
        spec.Split.Location);

    /// <summary>Every numeric, boolean and categorical column but the label, the id and the spec's exclusions.</summary>
    static IReadOnlyList<string> FeatureColumns(DataTable table, PipelineSpec spec, DatasetSchema schema)
    {
        var unknown = spec.Training.Exclude.Where(e => table.Find(e) is null).ToList();
        if (unknown.Count > 0)
            throw new TrainyardException($"{spec.SourcePath}, training.exclude: no column named {string.Join(", ", unknown.Select(u => $"'{u}'"))} in {spec.Data.Path}");
        var left = new HashSet<string>(spec.Training.Exclude, StringComparer.Ordinal) { spec.Data.Label };
        if ((schema.Id ?? spec.Data.Id) is { } id) left.Add(id);
        return table.Columns
            .Where(c => !left.Contains(c.Name) && c.Type is ColumnType.Numeric or ColumnType.Boolean or ColumnType.Categorical)
            .Select(c => c.Name).ToList();
    }

    /// <summary>A row's name in predictions.csv: its id when the data has one, else the line it starts on.</summary>
    public string RowName(int row, string? idColumn) =>
        idColumn is not null && Table.Find(idColumn)?.Text(row) is { } id ? id : Table.LineName(row);
}
