using Trainyard.Data;

namespace Trainyard.Tests.Data.Profiling;

public class CreditDataProfileTests
{
    [Fact]
    public void IncomeMatchesPandasDescribe()
    {
        // pandas: d = pd.read_csv("data/credit_data.csv"); d.Income.describe() → count 4073, mean 141.68769948440953,
        // std 80.74839764013873, min 6, 25% 90, 50% 125, 75% 170, max 959; d.Income.isna().sum() → 381; nunique → 351.
        // np.quantile(d.Income.dropna(), [.01, .05, .95, .99], method="lower") → 36, 56, 292, 442.
        var profile = CreditData.Accumulate("Income", workers: 2).ToProfile();

        Assert.Equal(ColumnType.Numeric, profile.Type);
        Assert.Equal((4454L, 381L), (profile.Count, profile.Missing));
        Assert.Equal((351L, true), (profile.Distinct, profile.DistinctExact));
        Assert.Equal((6.0, 959.0), (profile.Min, profile.Max));
        Assert.Equal(141.68769948440953, profile.Mean!.Value, 1e-12);
        Assert.Equal(80.74839764013873, profile.StandardDeviation!.Value, 1e-12);
        // Exact sums make it the correctly rounded value: Python fractions, sqrt(float((n*Σx² − (Σx)²) / (n(n−1)))).
        Assert.Equal(80.74839764013862, profile.StandardDeviation.Value);
        var q = profile.Quantiles!;
        double[] actual = [q.P1, q.P5, q.P25, q.P50, q.P75, q.P95, q.P99];
        double[] expected = [36, 56, 90, 125, 170, 292, 442];
        for (var i = 0; i < expected.Length; i++) Assert.InRange(actual[i], expected[i] * 0.995, expected[i] * 1.005);
        Assert.Equal(4073, profile.NumericDistribution()!.Count);
    }

    [Fact]
    public void IncomeHistogramHasTwentyBinsOverTheRangeHoldingEveryValue()
    {
        var histogram = CreditData.Accumulate("Income").ToProfile().Histogram!;

        Assert.Equal(21, histogram.Edges.Count);
        Assert.Equal((6.0, 959.0), (histogram.Edges[0], histogram.Edges[^1]));
        Assert.Equal(4073, histogram.Counts.Sum());
        // np.histogram(d.Income.dropna(), bins=20, range=(6, 959))[0]. Bins come from sketch buckets, so a value
        // within 0.5% of an edge may land in the neighbouring bin: allow a few values either way.
        long[] numpy = [177, 1210, 1226, 745, 360, 149, 94, 39, 29, 16, 12, 5, 1, 1, 4, 0, 1, 2, 1, 1];
        for (var i = 0; i < numpy.Length; i++)
            Assert.True(Math.Abs(histogram.Counts[i] - numpy[i]) <= Math.Max(5, numpy[i] / 20),
                $"bin {i}: {histogram.Counts[i]} vs numpy {numpy[i]}; all: {string.Join(", ", histogram.Counts)}");
    }

    [Fact]
    public void HomeMatchesPandasValueCounts()
    {
        // pandas: d.Home.value_counts() → owner 2107, rent 973, parents 783, other 319, priv 246, ignore 20; 6 missing.
        var profile = CreditData.Accumulate("Home", workers: 3).ToProfile();

        Assert.Equal(ColumnType.Categorical, profile.Type);
        Assert.Equal(6, profile.Missing);
        Assert.Equal(
            [("owner", 2107L), ("rent", 973L), ("parents", 783L), ("other", 319L), ("priv", 246L), ("ignore", 20L)],
            profile.TopCategories!.Select(c => (c.Value, c.Count)));
        Assert.Equal(2107.0 / 4448, profile.TopCategories![0].Share, 1e-12);
        Assert.Equal(973, profile.CategoryCounts()!["rent"]);
        Assert.True(profile.Categories!.Complete);
    }

    [Fact]
    public void SeniorityWith47DistinctIntegersIsNumericNotCategorical()
    {
        // pandas: d.Seniority.describe() → mean 7.986753480017962, std 8.17430560070661, min 0, max 48; nunique 47.
        var profile = CreditData.Accumulate("Seniority").ToProfile();

        Assert.Equal(ColumnType.Numeric, profile.Type);
        Assert.Equal(7.986753480017962, profile.Mean!.Value, 1e-12);
        Assert.Equal(8.17430560070661, profile.StandardDeviation!.Value, 1e-12);
        Assert.Equal(47, profile.Distinct);
        Assert.Equal(0.0, profile.Quantiles!.P5); // exact zeros have their own bucket
    }
}
