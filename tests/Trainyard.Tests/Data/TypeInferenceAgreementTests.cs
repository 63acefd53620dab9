using System.Text;
using Trainyard.Data;
using Trainyard.Data.Csv;
using Trainyard.Data.Profiling;
using Trainyard.Data.Scanning;
using Trainyard.Data.Table;

namespace Trainyard.Tests.Data;

/// <summary>
/// The streaming profiler (ValidateData) and the in-memory table (Train, Evaluate) type a column by one rule
/// (<see cref="TypeInference"/>): read the same file both ways, every column gets the same type.
/// </summary>
public class TypeInferenceAgreementTests
{
    [Fact]
    public async Task ProfilerAndTableDecideTheSameTypeForEveryColumn()
    {
        // 2,000 rows. empty: no values (text: nothing to infer from); numbers: numbers and gaps; flags: true/false;
        // dates: ISO 8601; codes: 80 distinct strings, 4% of the rows (categorical by the share rule; the table's old
        // rule, a fixed 50, said text); ids: a distinct string per row (text); mixed: numbers and one word (categorical).
        var csv = new StringBuilder("empty,numbers,flags,dates,codes,ids,mixed\n");
        for (var i = 0; i < 2000; i++)
            csv.Append($",{(i % 7 == 0 ? "" : (i * 0.5).ToString(System.Globalization.CultureInfo.InvariantCulture))},{(i % 2 == 0 ? "true" : "FALSE")},"
                + $"2024-01-{i % 28 + 1:00},c{i % 80},id{i},{(i == 5 ? "n/a" : (i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture))}\n");
        using var file = new TemporaryCsv(csv.ToString());

        var table = await DataTable.ReadAsync(file.Path, CsvFormat.Default);
        var scan = await DataScan.RunAsync(file.Path, CsvFormat.Default, (_, name) => new ColumnAccumulator(name, null, ProfileOptions.Default));
        var profiled = scan.Accumulators.Cast<ColumnAccumulator>().ToDictionary(a => a.Name, a => a.ToProfile().Type);

        var expected = new Dictionary<string, ColumnType>
        {
            ["empty"] = ColumnType.Text, ["numbers"] = ColumnType.Numeric, ["flags"] = ColumnType.Boolean, ["dates"] = ColumnType.DateTime,
            ["codes"] = ColumnType.Categorical, ["ids"] = ColumnType.Text, ["mixed"] = ColumnType.Categorical,
        };
        foreach (var (column, type) in expected)
        {
            Assert.True(type == profiled[column], $"{column}: profiler {profiled[column]}, expected {type}");
            Assert.True(type == table[column].Type, $"{column}: table {table[column].Type}, expected {type}");
        }
    }
}
