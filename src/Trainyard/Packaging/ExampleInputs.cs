using System.Text.Json;
using System.Text.Json.Nodes;
using Trainyard.Artifacts;
using Trainyard.Data.Table;
using Trainyard.IO;
using Trainyard.Pipelines;
using Trainyard.Reporting;
using Trainyard.Runtime.Features;
using Trainyard.Training;

namespace Trainyard.Packaging;

/// <summary>
/// The input rows of example.json: test rows of predictions.csv — the first of each class, then the next ones —
/// read back from the data file and written as a client would send them: the featurizer's columns as JSON numbers,
/// booleans and strings, null for a missing value.
/// </summary>
internal static class ExampleInputs
{
    /// <returns>Each row's name in predictions.csv (its line in the data file, or its id) and the row as a request gives it.</returns>
    public static async Task<(IReadOnlyList<string> DataRows, IReadOnlyList<JsonElement> Inputs)> ReadAsync(PipelineSpec spec, string root, string predictionsPath, Featurizer featurizer,
        int count, CancellationToken cancellationToken)
    {
        var predictions = await PredictionsFile.ReadAsync(RepositoryPath.Full(root, predictionsPath), cancellationToken);
        var wanted = Pick(predictions, count);
        if (wanted.Count == 0)
            throw new TrainyardException($"{predictionsPath} has no test rows to take an input example from: run Train again (./build.sh Train --pipeline {spec.SourcePath})");

        var data = await PreparedData.LoadAsync(spec, root, cancellationToken);
        var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var row = 0; row < data.Table.RowCount; row++) rowOf.TryAdd(data.RowName(row, spec.Data.Id), row);
        var columns = featurizer.Columns.Select(c => data.Table.Find(c.Name)
            ?? throw new TrainyardException($"{spec.Data.Path} has no column '{c.Name}', which the model was trained on: run Train again")).ToList();

        return (wanted, [.. wanted.Select(name => rowOf.TryGetValue(name, out var row) ? Row(columns, row)
            : throw new TrainyardException($"{predictionsPath} names row '{name}', which {spec.Data.Path} does not have: run Train again"))]);
    }

    /// <summary>The first row of each label (so a smoke test sees every class the model knows, where there are few), then the next rows; in file order.</summary>
    static List<string> Pick(PredictionsFile predictions, int count)
    {
        var rows = predictions.Rows;
        var label = predictions.Header.ToList().IndexOf("label");
        var picked = new SortedSet<int>(label < 0 ? [] : Enumerable.Range(0, rows.Count).DistinctBy(i => rows[i][label]).Take(count));
        for (var i = 0; i < rows.Count && picked.Count < count; i++) picked.Add(i);
        return [.. picked.Select(i => rows[i][0])];
    }

    static JsonElement Row(IReadOnlyList<DataColumn> columns, int row)
    {
        var item = new JsonObject();
        foreach (var column in columns)
            item[column.Name] = column.IsMissing(row) ? null : column switch
            {
                NumericColumn n => JsonValue.Create(n.Values[row]),
                BooleanColumn b => JsonValue.Create(b.Values[row]),
                _ => JsonValue.Create(column.Text(row)),
            };
        return JsonSerializer.SerializeToElement(item);
    }
}
