using Trainyard.Data.Csv;
using Trainyard.Data.Profiling;
using Trainyard.Data.Scanning;
using Trainyard.IO;
using Trainyard.Pipelines;

namespace Trainyard.Data.Files;

/// <summary>
/// A pipeline's data as every target reads it — ValidateData, InferSchema, Train, Evaluate and Package alike: the
/// files <c>data.path</c> names (<see cref="DataFiles"/>) and, with <c>data.window</c>, the window of rows they read.
/// Resolving it in one place is what makes the targets see the same rows.
/// </summary>
/// <param name="Shown">The files as opened and as messages name them (relative to the current directory).</param>
/// <param name="Window">The rows read, when the spec has a window: its bounds come from the data, not the clock.</param>
internal sealed record DataSource(DataFiles Files, IReadOnlyList<string> Shown, CsvFormat Format, RowWindow? Window)
{
    public static async Task<DataSource> OpenAsync(PipelineSpec spec, string root, CancellationToken cancellationToken)
    {
        var files = DataFiles.Resolve(root, spec.Data.Path);
        var shown = files.Paths.Select(p => RepositoryPath.Shown(root, p)).ToList();
        var format = CsvFormat.Default with { Delimiter = (byte)spec.Data.Delimiter };
        RowWindow? window = null;
        if (spec.Data.Window is { } span && spec.Data.Time is { } time)
        {
            var newest = await NewestTimeAsync(spec, shown, format, time, cancellationToken);
            window = new RowWindow(time, newest - span, newest);
        }
        return new DataSource(files, shown, format, window);
    }

    /// <summary>One pass over the time column for its newest value: where the window ends.</summary>
    static async Task<DateTime> NewestTimeAsync(PipelineSpec spec, IReadOnlyList<string> files, CsvFormat format, string time,
        CancellationToken cancellationToken)
    {
        var scan = await DataScan.RunAsync(files, format,
            (_, name) => name == time ? new NewestTime(files, name) : IgnoredColumn.Instance,
            ScanOptions.Default with { DetectDuplicateRows = false }, progress: null, cancellationToken);
        var column = scan.Accumulators.OfType<NewestTime>().SingleOrDefault()
            ?? throw new TrainyardException($"data.time: '{time}' is not a column of {spec.Data.Path}; name the datetime column the window is measured on", spec.Data.TimeLocation);
        return column.Newest ?? throw new TrainyardException(
            $"data.window: no row of {spec.Data.Path} has a time in column '{time}', so there is no newest row for the window to end at", spec.Data.TimeLocation);
    }

    /// <summary>The newest value of the time column; a value that is not a date or timestamp is an error at its line.</summary>
    sealed class NewestTime(IReadOnlyList<string> files, string name) : IColumnAccumulator
    {
        public DateTime? Newest { get; private set; }

        public void Add(ReadOnlySpan<byte> field, long line)
        {
            if (field.IsEmpty) return; // a row without a time lies in no window
            if (!FieldParser.TryParseDateTime(field, out var time))
                throw DataLine.Error(files, line, $"expected an ISO 8601 date or timestamp (data.time), got {ShownValue.Quoted(ShownValue.Cut(field))}", name);
            if (Newest is null || time > Newest) Newest = time;
        }

        public void Merge(IColumnAccumulator other)
        {
            if (((NewestTime)other).Newest is { } time && (Newest is null || time > Newest)) Newest = time;
        }
    }

    sealed class IgnoredColumn : IColumnAccumulator
    {
        public static readonly IgnoredColumn Instance = new();
        public void Add(ReadOnlySpan<byte> field, long line) { }
        public void AddBatch(ColumnFields fields) { }
        public void Merge(IColumnAccumulator other) { }
    }
}
