using Trainyard.Runtime.Drift;
using Trainyard.Serving;

namespace Trainyard.Tests.Serving;

/// <summary>
/// The server's drift windows find a numeric value's bin by its sketch key (BinsByKey); every value must land in
/// exactly the bin the bucket-top formula gives — <c>DriftBins.NumericBinOf(edges, BucketTop(v))</c>, what the server
/// computed per value before and what ValidateData's bins mean — so the served PSI stays the same number.
/// </summary>
public sealed class BinsByKeyTests
{
    public static TheoryData<string> Sketches => [.. Cases.Keys];

    static readonly Dictionary<string, Func<(NumericSketch Sketch, double Min, double Max)>> Cases = new()
    {
        ["positive, α 0.01, three decades"] = () => Sketch(0.01, [0.5, 2, 7, 30, 125, 400, 999, 1000, 1800, 75, 60, 44, 29], 2000),
        ["positive, α 0.01, nine decades"] = () => Sketch(0.01, LogUniform(1e-3, 1e6, 5000, 1), 0),
        ["signed with zeros, α 0.01"] = () => Sketch(0.01, LogUniform(0.01, 1e4, 3000, 2).Select((v, i) => i % 3 == 0 ? -v : v), 400),
        ["negative only, α 0.02"] = () => Sketch(0.02, LogUniform(1, 1e5, 2000, 3).Select(v => -v), 0),
        ["a heavy value: fewer, wider bins, α 0.01"] = () => Sketch(0.01, Enumerable.Repeat(10000.0, 900).Concat(LogUniform(1, 1e6, 100, 4)), 0),
        ["one bucket, α 0.05"] = () => Sketch(0.05, Enumerable.Repeat(3.0, 50), 0),
        ["fine buckets, α 0.001"] = () => Sketch(0.001, LogUniform(0.1, 1e3, 4000, 5), 0),
        ["zeros and a few positives, α 0.01"] = () => Sketch(0.01, [1, 2, 3], 1000),
        ["tiny magnitudes, α 0.01"] = () => Sketch(0.01, LogUniform(1e-30, 1e-20, 1000, 6), 0),
    };

    [Theory]
    [MemberData(nameof(Sketches))]
    public void EveryValueLandsInTheBinOfItsBucketTop(string name)
    {
        var (sketch, min, max) = Cases[name]();
        var edges = DriftBins.NumericEdges(new SketchDistribution(sketch, min, max, 0, 0));
        var geometry = sketch.Geometry;
        var bins = new BinsByKey(edges, sketch);
        var checkedValues = 0;
        void Check(double value)
        {
            if (double.IsNaN(value)) return;
            var expected = DriftBins.NumericBinOf(edges, geometry.BucketTop(value));
            Assert.True(expected == bins.BinOf(value), $"{name}: {value:R} lands in bin {bins.BinOf(value)}, its bucket top's bin is {expected}");
            checkedValues++;
        }
        // Each value, its neighbours as doubles, and the float it is sent as with that float's neighbours (features are floats).
        void Around(double value)
        {
            foreach (var v in new[] { value, Math.BitDecrement(value), Math.BitIncrement(value) })
            {
                Check(v);
                Check(-v);
                var f = (float)v;
                Check(f);
                Check(MathF.BitDecrement(f));
                Check(MathF.BitIncrement(f));
            }
        }
        // Every bucket bound from well below the sketch's keys to well above (the tables' ends and beyond).
        int lowest = Math.Min(sketch.PositiveStart, sketch.NegativeStart) - 40, highest = Math.Max(sketch.PositiveStart + sketch.Positive.Count, sketch.NegativeStart + sketch.Negative.Count) + 40;
        for (var key = lowest; key <= highest; key++)
        {
            Around(geometry.UpperBound(key));
            Around(geometry.LowerBound(key));
            Around(geometry.Representative(key));
        }
        foreach (var edge in edges) Around(edge);
        foreach (var special in new[] { 0.0, double.Epsilon, float.Epsilon, 1e-300, 1, float.MaxValue, double.MaxValue, double.PositiveInfinity, min, max })
            Around(special);
        Check(-0.0);
        var random = new Random(7);
        for (var i = 0; i < 200_000; i++)
        {
            var magnitude = Math.Exp(random.NextDouble() * 100 - 50) * (Math.Abs(min) + Math.Abs(max) + 1e-9);
            Check((float)(random.Next(2) == 0 ? magnitude : -magnitude));
            Check(random.NextDouble() * (max - min) + min);
        }
        Assert.True(checkedValues > 200_000);
    }

    /// <summary>A sketch as the profiler stores one, filled from <paramref name="values"/> by the sketch's own keys.</summary>
    static (NumericSketch, double, double) Sketch(double alpha, IEnumerable<double> values, long zeros)
    {
        var geometry = new SketchGeometry(alpha);
        var list = values.ToList();
        var positive = list.Where(v => v > 0).Select(geometry.Key).ToList();
        var negative = list.Where(v => v < 0).Select(v => geometry.Key(-v)).ToList();
        (int Start, long[] Counts) Dense(List<int> keys)
        {
            if (keys.Count == 0) return (0, []);
            var (low, high) = (keys.Min(), keys.Max());
            var counts = new long[high - low + 1];
            foreach (var k in keys) counts[k - low]++;
            return (low, counts);
        }
        var (positiveStart, positiveCounts) = Dense(positive);
        var (negativeStart, negativeCounts) = Dense(negative);
        var sketch = new NumericSketch(alpha, 2048, zeros, positiveStart, positiveCounts, negativeStart, negativeCounts);
        var all = zeros > 0 ? list.Append(0) : list;
        return (sketch, all.Min(), all.Max());
    }

    static IEnumerable<double> LogUniform(double low, double high, int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => Math.Exp(Math.Log(low) + random.NextDouble() * (Math.Log(high) - Math.Log(low)))).ToList();
    }
}
