using Trainyard.Data.Csv;
using Trainyard.Data.Scanning;

namespace Trainyard.Data.Table;

/// <summary>
/// A CSV file held in memory as typed columns (what training reads). Types come from the schema when one is given
/// (a value that does not parse is an error naming line and column), otherwise from <see cref="ColumnTypeInference"/>.
/// </summary>
internal sealed class DataTable
{
    private readonly Dictionary<string, DataColumn> _byName;

    public DataTable(string path, IReadOnlyList<DataColumn> columns, long[] rowLines)
    {
        Path = path;
        Columns = columns;
        RowLines = rowLines;
        _byName = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    public string Path { get; }
    public IReadOnlyList<DataColumn> Columns { get; }
    public int RowCount => RowLines.Length;

    /// <summary>The physical line each row starts on, for messages about a row.</summary>
    public long[] RowLines { get; }

    public DataColumn this[string name] =>
        _byName.TryGetValue(name, out var column) ? column : throw new TrainyardException($"column '{name}' is not in {Path}");

    public DataColumn? Find(string name) => _byName.GetValueOrDefault(name);

    public static Task<DataTable> ReadAsync(string path, CsvFormat format, DatasetSchema? schema = null,
        CancellationToken cancellationToken = default) =>
        ReadAsync(path, format, schema, ColumnTypeInference.DefaultMaxCategories, cancellationToken);

    /// <param name="maxCategories">Inference ceiling on distinct values for a categorical column.</param>
    public static async Task<DataTable> ReadAsync(string path, CsvFormat format, DatasetSchema? schema, int maxCategories,
        CancellationToken cancellationToken = default)
    {
        // One worker keeps rows in file order; the reader still runs ahead of it on its own thread.
        var options = new ScanOptions { Workers = 1, DetectDuplicateRows = false };
        var scan = await DataScan.RunAsync(path, format,
            (index, name) => new RawColumn(schema?.Find(name) is null ? new ColumnTypeInference(maxCategories) : null, recordLines: index == 0),
            options, progress: null, cancellationToken);

        var raws = scan.Accumulators.Cast<RawColumn>().ToArray();
        var builder = new TypedColumnBuilder(path, raws[0]);
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
        return new DataTable(path, columns, lines);
    }
}
