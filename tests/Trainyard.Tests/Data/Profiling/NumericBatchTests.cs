using System.Globalization;
using Trainyard.Data;
using Trainyard.Data.Profiling;

namespace Trainyard.Tests.Data.Profiling;

/// <summary>
/// A declared numeric column's batch loop reads each field's 16 bytes at once when its buffer has them: its profile
/// and violations must be those of adding the fields one at a time, whatever lies around a field.
/// </summary>
public class NumericBatchTests
{
    private static readonly ColumnSchema Checked = new() { Name = "x", Type = ColumnType.Numeric, Min = -500, Max = 500 };

    private static readonly ProfileOptions Options = ProfileOptions.Default with { DistinctExactCap = 40, ExampleLines = 4 };

    [Fact]
    public void BatchOfFieldsInEveryPositionProfilesLikeSingleAdds()
    {
        var random = new Random(3);
        var texts = new List<string>();
        for (var i = 0; i < 3_000; i++)
            texts.Add((i % 17) switch
            {
                0 => "",
                1 => "oops",
                2 => "12345678901234567.25",   // longer than 16 bytes
                3 => (random.NextDouble() * 2000 - 1000).ToString("E3", CultureInfo.InvariantCulture),
                4 => "-0",
                _ => Math.Round(random.NextDouble() * 2000 - 1000, random.Next(7)).ToString("R", CultureInfo.InvariantCulture),
            });
        BatchAgainstSingleAdds.AssertSame(texts, Checked, Options);
    }
}
