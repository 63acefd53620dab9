using System.Text;
using System.Text.Json;
using Trainyard.Data;
using Trainyard.Data.Csv;
using Trainyard.Data.Profiling;
using Trainyard.Data.Scanning;

namespace Trainyard.Tests.Data.Scanning;

/// <summary>
/// Workers hand the profiler a column's fields a batch of records at a time (with quoted fields unescaped into a
/// copy). The profile must be the one adding each field in file order gives, across batch and chunk boundaries.
/// </summary>
public class BatchScanTests
{
    private static readonly ProfileOptions Options = ProfileOptions.Default with { DistinctExactCap = 300, CategoryCap = 20, OffendingValueCap = 5 };

    private static readonly string[] Names = ["amount", "home", "note"];

    private static readonly ColumnSchema?[] Schema =  // the note column is profiled without a schema
    [
        new() { Name = "amount", Type = ColumnType.Numeric, Min = -50, Max = 900 },
        new() { Name = "home", Type = ColumnType.Categorical, Categories = ["a", "b\"q", "c,d", "e"] },
        null,
    ];

    // Over four batches of records: missing values, unparsable and out-of-range numbers, quoted numbers, and
    // categories with doubled quotes and delimiters inside quotes, some not allowed.
    private static string[] Row(int i) =>
    [
        i % 17 == 0 ? "" : i % 29 == 0 ? "n/a" : i % 31 == 0 ? $"\"{i}\"" : (i * 7.25 - 100).ToString(System.Globalization.CultureInfo.InvariantCulture),
        (i % 6) switch { 0 => "a", 1 => "\"b\"\"q\"", 2 => "\"c,d\"", 3 => "", 4 => $"x{i % 40}", _ => "\"\"\"y\"\"\"" },
        i % 5 == 0 ? $"\"line\n{i}\"" : $"t{i % 9}",
    ];

    [Fact]
    public async Task BatchedScansProfileExactlyAsAddingEachFieldInFileOrder()
    {
        const int rows = 2_100;
        var csv = new StringBuilder("amount,home,note\n");
        for (var i = 0; i < rows; i++) csv.Append(string.Join(',', Row(i))).Append('\n');
        using var file = new TemporaryCsv(csv.ToString());

        var expected = Reference(rows);
        foreach (var (workers, chunkBytes) in new[] { (1, 1 << 20), (2, 1_000), (3, 7_777) })
        {
            var result = await DataScan.RunAsync(file.Path, CsvFormat.Default, (c, name) => new ColumnAccumulator(name, Schema[c], Options),
                new ScanOptions { Workers = workers, ChunkBytes = chunkBytes });
            Assert.Equal(expected, Describe(result.Accumulators.Cast<ColumnAccumulator>()));
        }
    }

    /// <summary>Each column's fields added one at a time, unquoted by hand, with the line each record starts on.</summary>
    private static string Reference(int rows)
    {
        var columns = Names.Select((name, c) => new ColumnAccumulator(name, Schema[c], Options)).ToArray();
        var line = 2L;
        for (var i = 0; i < rows; i++)
        {
            var fields = Row(i);
            for (var c = 0; c < fields.Length; c++)
            {
                var field = fields[c];
                if (field.StartsWith('"')) field = field[1..^1].Replace("\"\"", "\"");
                columns[c].Add(Encoding.UTF8.GetBytes(field), line);
            }
            line += 1 + fields.Sum(f => f.Count(ch => ch == '\n'));
        }
        return Describe(columns);
    }

    private static string Describe(IEnumerable<ColumnAccumulator> columns) => string.Join("\n", columns.Select(c =>
        ProfileJson.Serialize(c.ToProfile()) + JsonSerializer.Serialize(c.ToViolations())));
}
