using System.Globalization;
using System.Text.Json;
using Trainyard.Data;
using Trainyard.Data.Profiling;

namespace Trainyard.Tests.Data.Profiling;

/// <summary>
/// The scan splits a file into chunks, hands them to workers in whatever order they finish, and merges the workers'
/// accumulators. Every split and merge order must give the same profile, byte for byte.
/// </summary>
public class MergeOrderTests
{
    // Small caps so that every bounded path runs: the sketch collapses, distinct counts switch to HyperLogLog,
    // category tables and offending-value tables sample by hash.
    private static readonly ProfileOptions Options = ProfileOptions.Default with
    {
        MaxSketchBuckets = 64, DistinctExactCap = 40, CategoryCap = 30, ExampleLines = 4, OffendingValueCap = 5,
    };

    private static readonly ColumnSchema Checked = new() { Name = "checked", Type = ColumnType.Numeric, Min = -100, Max = 600 };

    private static readonly ColumnSchema Home = new()
    {
        Name = "home", Type = ColumnType.Categorical, Categories = Enumerable.Range(0, 60).Select(i => $"home-{i}").ToArray(),
    };

    private const int Rows = 20_000;

    private static string Field(string column, int row, double value) => column switch
    {
        "amount" => row % 13 == 0 ? "" : value.ToString("R", CultureInfo.InvariantCulture),
        "home" => $"home-{(int)(Math.Abs(value) * 7) % 80}",
        "flag" => value > 0 ? "true" : "False",
        "id" => $"id-{row}",
        _ => row % 50 == 0 ? "oops" : value.ToString("R", CultureInfo.InvariantCulture), // "checked"
    };

    private static readonly string[] Columns = ["amount", "home", "flag", "id", "checked"];

    /// <summary>Profiles every column with rows dealt to <paramref name="workers"/> accumulators by <paramref name="workerOf"/>, then merged in <paramref name="mergeOrder"/>.</summary>
    private static string Profile(int workers, Func<int, int> workerOf, bool reverseRows, Func<int, int[]> mergeOrder)
    {
        var values = GeneratedValues.Signed(Rows);
        var outputs = new List<string>();
        foreach (var column in Columns)
        {
            var schema = column switch { "checked" => Checked, "home" => Home, _ => null };
            var accumulators = Enumerable.Range(0, workers).Select(_ => new ColumnAccumulator(column, schema, Options)).ToArray();
            var rows = Enumerable.Range(0, Rows);
            foreach (var row in reverseRows ? rows.Reverse() : rows)
                accumulators[workerOf(row)].Add(GeneratedValues.Utf8(Field(column, row, values[row])), row + 2);
            var order = mergeOrder(workers);
            var target = accumulators[order[0]];
            foreach (var index in order.Skip(1)) target.Merge(accumulators[index]);
            outputs.Add(ProfileJson.Serialize(target.ToProfile()));
            outputs.Add(JsonSerializer.Serialize(target.ToViolations()));
        }
        return string.Join("\n", outputs);
    }

    private static int[] Forward(int workers) => Enumerable.Range(0, workers).ToArray();
    private static int[] Backward(int workers) => Enumerable.Range(0, workers).Reverse().ToArray();
    private static int[] MiddleOut(int workers) => Enumerable.Range(0, workers).OrderBy(i => Math.Abs(i - workers / 2)).ThenBy(i => i).ToArray();

    [Fact]
    public void AnySplitInto12Or7WorkersAndAnyMergeOrderGivesIdenticalJson()
    {
        var reference = Profile(1, _ => 0, reverseRows: false, Forward);
        var random = new int[Rows];
        var generator = new Random(7);
        for (var i = 0; i < Rows; i++) random[i] = generator.Next(7);

        var variants = new (string Name, string Json)[]
        {
            ("1 worker, rows reversed", Profile(1, _ => 0, true, Forward)),
            ("2 workers, two halves", Profile(2, row => row * 2 / Rows, false, Backward)),
            ("2 workers, alternating chunks of 97", Profile(2, row => row / 97 % 2, true, Forward)),
            ("7 workers, contiguous chunks", Profile(7, row => row * 7 / Rows, false, MiddleOut)),
            ("7 workers, chunks of 333 dealt out of order", Profile(7, row => row / 333 * 3 % 7, true, Backward)),
            ("7 workers, random rows", Profile(7, row => random[row], false, MiddleOut)),
        };

        foreach (var (name, json) in variants) Assert.True(reference == json, $"{name} differs from one worker");
    }

    [Fact]
    public void TheMergeTestDataExercisesEveryBoundedPath()
    {
        var json = Profile(1, _ => 0, false, Forward);
        var values = GeneratedValues.Signed(Rows);
        var amount = GeneratedValues.Accumulate(values.Select((v, row) => Field("amount", row, v)), options: Options).ToProfile();
        var homeAccumulator = GeneratedValues.Accumulate(values.Select((v, row) => Field("home", row, v)), Home, Options);
        var home = homeAccumulator.ToProfile();

        Assert.Contains("\"name\": \"checked\"", json);
        Assert.Equal(ColumnType.Numeric, amount.Type);
        Assert.Equal(64, amount.Sketch!.Positive.Count);  // the window is full: smaller magnitudes collapsed into it
        Assert.Equal(64, amount.Sketch.Negative.Count);
        Assert.False(amount.DistinctExact);
        Assert.False(home.Categories is { Complete: true });
        Assert.Equal(30, home.Categories!.Values.Count);
        Assert.False(homeAccumulator.ToViolations().Single().ValuesComplete);
    }
}
