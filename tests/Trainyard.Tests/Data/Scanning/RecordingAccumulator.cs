using System.Text;
using Trainyard.Data.Csv;
using Trainyard.Data.Profiling;
using Trainyard.Data.Scanning;

namespace Trainyard.Tests.Data.Scanning;

/// <summary>Keeps every field it is given with its line; merging concatenates, and <see cref="InFileOrder"/> sorts by line.</summary>
internal sealed class RecordingAccumulator : IColumnAccumulator
{
    public List<(long Line, string? Value)> Fields { get; } = [];

    public void Add(ReadOnlySpan<byte> field, long line) => Fields.Add((line, field.IsEmpty ? null : Encoding.UTF8.GetString(field)));

    public void Merge(IColumnAccumulator other) => Fields.AddRange(((RecordingAccumulator)other).Fields);

    public IReadOnlyList<(long Line, string? Value)> InFileOrder => Fields.OrderBy(f => f.Line).ToList();
}

/// <summary>Runs a scan with recording accumulators.</summary>
internal static class Scan
{
    public static Task<ScanResult> FileAsync(string path, ScanOptions? options = null, CsvFormat? format = null) =>
        DataScan.RunAsync(path, format ?? CsvFormat.Default, (_, _) => new RecordingAccumulator(), options ?? new ScanOptions { Workers = 1 });

    public static async Task<ScanResult> TextAsync(string csv, ScanOptions? options = null, CsvFormat? format = null)
    {
        using var file = new TemporaryCsv(csv);
        return await FileAsync(file.Path, options, format);
    }

    public static async Task<ScanResult> BytesAsync(byte[] csv, ScanOptions? options = null)
    {
        using var file = new TemporaryCsv(csv);
        return await FileAsync(file.Path, options);
    }

    public static IReadOnlyList<(long Line, string? Value)> Column(this ScanResult result, int index) =>
        ((RecordingAccumulator)result.Accumulators[index]).InFileOrder;

    public static IReadOnlyList<string?> Values(this ScanResult result, int index) =>
        result.Column(index).Select(f => f.Value).ToList();
}
