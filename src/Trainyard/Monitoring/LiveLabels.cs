using System.Globalization;
using System.Text.Json;
using Trainyard.Data;
using Trainyard.Data.Csv;
using Trainyard.Data.Table;
using Trainyard.IO;

namespace Trainyard.Monitoring;

/// <summary>
/// The labels that arrived later for logged requests (<c>--labels file.csv</c>): the label column the spec names
/// (<c>data.label</c>) and a key — <c>request_id</c> (with an optional <c>row</c> for a batch's rows, 0 first), or the
/// spec's id column (<c>data.id</c>) when the requests carry it. Held in memory: it is the labels file's size, not the log's.
/// </summary>
internal sealed class LiveLabels
{
    public const string RequestIdColumn = "request_id";
    public const string RowColumn = "row";

    readonly Dictionary<string, string> _labels;
    readonly HashSet<string> _matched = new(StringComparer.Ordinal);

    LiveLabels(string file, string key, bool byRequest, Dictionary<string, string> labels)
    {
        File = file;
        Key = key;
        ByRequest = byRequest;
        _labels = labels;
    }

    public string File { get; }

    /// <summary>The column the labels are joined by.</summary>
    public string Key { get; }

    /// <summary>True when joined by request id (and row), false by the spec's id column in the logged inputs.</summary>
    public bool ByRequest { get; }

    public long Rows => _labels.Count;

    public long Matched => _matched.Count;

    public static async Task<LiveLabels> ReadAsync(string root, string path, string labelColumn, string? idColumn, CancellationToken cancellationToken)
    {
        var shown = RepositoryPath.Shown(root, path);
        if (!System.IO.File.Exists(RepositoryPath.Full(root, path)))
            throw new TrainyardException($"--labels {path}: no such file");
        var table = await DataTable.ReadAsync(RepositoryPath.Full(root, path), CsvFormat.Default, new DatasetSchema
        {
            // Keys and labels compare as the text written: "007" stays "007", "1.50" stays "1.50".
            Columns = [.. new[] { RequestIdColumn, idColumn, labelColumn }.OfType<string>().Distinct()
                .Select(name => new ColumnSchema { Name = name, Type = ColumnType.Text, Required = false })],
        }, cancellationToken);
        var (key, byRequest) = table.Find(RequestIdColumn) is not null ? (RequestIdColumn, true)
            : idColumn is not null && table.Find(idColumn) is not null ? (idColumn, false)
            : throw new TrainyardException($"{shown} has no '{RequestIdColumn}' column{(idColumn is null ? "" : $" and no '{idColumn}' column (data.id)")} to join the labels "
                + $"with the logged requests by; its columns are {string.Join(", ", table.Columns.Select(c => c.Name))}", new SourceLocation(shown, 1));
        var label = table.Find(labelColumn)
            ?? throw new TrainyardException($"{shown} has no '{labelColumn}' column (data.label) with the labels; its columns are {string.Join(", ", table.Columns.Select(c => c.Name))}",
                new SourceLocation(shown, 1));
        var keys = table[key];
        var rows = byRequest ? table.Find(RowColumn) : null;
        var labels = new Dictionary<string, string>(table.RowCount, StringComparer.Ordinal);
        for (var i = 0; i < table.RowCount; i++)
        {
            if (keys.Text(i) is not { Length: > 0 } id || label.Text(i) is not { Length: > 0 } value) continue;
            var row = rows?.Text(i) is { Length: > 0 } r ? int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
                : throw new TrainyardException($"'{RowColumn}' is '{r}': expected the row's position in its request (0 for the first)", new SourceLocation(shown, (int)table.RowLines[i])) : 0;
            if (!labels.TryAdd(KeyOf(id, row, byRequest), value))
                throw new TrainyardException($"{key} '{id}'{(byRequest && rows is not null ? $" row {row}" : "")} has two labels; keep one", new SourceLocation(shown, (int)table.RowLines[i]));
        }
        return new LiveLabels(shown, key, byRequest, labels);
    }

    /// <summary>The label of row <paramref name="row"/> of a logged request, or null (each label is matched once).</summary>
    public string? Find(in LoggedRequest request, int row)
    {
        string? id;
        if (ByRequest) id = request.RequestId;
        else
        {
            var inputs = request.Row(row);
            id = inputs.ValueKind == JsonValueKind.Object && inputs.TryGetProperty(Key, out var value) ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            } : null;
        }
        if (id is null) return null;
        var key = KeyOf(id, row, ByRequest);
        return _labels.TryGetValue(key, out var label) && _matched.Add(key) ? label : null;
    }

    static string KeyOf(string id, int row, bool byRequest) => byRequest ? $"{id}\n{row.ToString(CultureInfo.InvariantCulture)}" : id;
}
