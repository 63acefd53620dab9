using Trainyard.Data.Csv;
using Trainyard.Data.Files;
using Trainyard.Data.Scanning;

namespace Trainyard.Data.Table;

/// <summary>
/// A CSV file held in memory as typed columns (what training reads). Types come from the schema when one is given
/// (a value that does not parse is an error naming line and column), otherwise from <see cref="ColumnTypeInference"/>.
/// </summary>
internal sealed class DataTable
{
    private readonly Dictionary<string, DataColumn> _byName;

    public DataTable(string path, IReadOnlyList<DataColumn> columns, long[] rowLines, IReadOnlyList<string>? files = null)
    {
        Path = path;
        Files = files ?? [path];
        Columns = columns;
        RowLines = rowLines;
        _byName = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    /// <summary>How messages name the data: the file, or data.path's pattern when several files were read.</summary>
    public string Path { get; }

    /// <summary>The files read, in order; <see cref="RowLines"/> are <see cref="DataLine"/>s into this list.</summary>
    public IReadOnlyList<string> Files { get; }
    public IReadOnlyList<DataColumn> Columns { get; }
    public int RowCount => RowLines.Length;

    /// <summary>The physical line each row starts on (a <see cref="DataLine"/>), for messages about a row.</summary>
    public long[] RowLines { get; }

    /// <summary>"data/churn/2026-02.csv line 17": where a row is, for messages.</summary>
    public string Where(int row) => DataLine.Where(Files, RowLines[row]);

    /// <summary>A row's name when it has no id: its line, prefixed with its file's name when several files were read.</summary>
    public string LineName(int row) => DataLine.Name(Files, RowLines[row]);

    public DataColumn this[string name] =>
        _byName.TryGetValue(name, out var column) ? column : throw new TrainyardException($"column '{name}' is not in {Path}");

    public DataColumn? Find(string name) => _byName.GetValueOrDefault(name);

    public static Task<DataTable> ReadAsync(string path, CsvFormat format, DatasetSchema? schema = null,
        CancellationToken cancellationToken = default) =>
        ReadAsync(path, format, schema, ColumnTypeInference.DefaultMaxCategories, cancellationToken);

    /// <param name="maxCategories">Inference ceiling on distinct values for a categorical column.</param>
    public static Task<DataTable> ReadAsync(string path, CsvFormat format, DatasetSchema? schema, int maxCategories,
        CancellationToken cancellationToken = default) =>
        ReadAsync(path, [path], format, schema, maxCategories, null, cancellationToken);

    /// <summary>Reads <paramref name="files"/> as one table (<see cref="DataScan"/>), only the rows in <paramref name="window"/> when given.</summary>
    /// <param name="path">How messages name the data (data.path).</param>
    public static async Task<DataTable> ReadAsync(string path, IReadOnlyList<string> files, CsvFormat format, DatasetSchema? schema,
        int maxCategories, RowWindow? window, CancellationToken cancellationToken = default)
    {
        // One worker keeps rows in file order; the reader still runs ahead of it on its own thread.
        var options = new ScanOptions { Workers = 1, DetectDuplicateRows = false, Window = window };
        var scan = await DataScan.RunAsync(files, format,
            (index, name) => new RawColumn(schema?.Find(name) is null ? new ColumnTypeInference(maxCategories) : null, recordLines: index == 0),
            options, progress: null, cancellationToken);

        var raws = scan.Accumulators.Cast<RawColumn>().ToArray();
        var builder = new TypedColumnBuilder(files, raws[0]);
        var columns = new DataColumn[raws.Length];
        var errors = new DataFileException?[raws.Length];
        Parallel.For(0, raws.Length, new ParallelOptions { CancellationToken = cancellationToken }, c =>
        {
            var declared = schema?.Find(scan.Columns[c]);
            var type = declared?.Type ?? raws[c].Inference!.Result;
            try { columns[c] = builder.Build(scan.Columns[c], type, raws[c], declared?.Categories); }
            catch (DataFileException error) { errors[c] = error; }
        });
        // Columns convert in parallel; report the error a sequential reader would meet first.
        var first = errors.Where(e => e is not null).OrderBy(e => e!.Line).FirstOrDefault();
        if (first is not null) throw first;

        var lines = new long[raws[0].Count];
        for (var row = 0; row < lines.Length; row++) lines[row] = raws[0].LineOf(row);
        return new DataTable(path, columns, lines, files);
    }
}
