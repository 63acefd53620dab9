using Trainyard.Monitoring.Estimation;

namespace Trainyard.Tests.Monitoring.Estimation;

public sealed class BootstrapDifferenceTests
{
    /// <summary>Rows scored correct (1) or not (0), exactly <paramref name="correct"/> of <paramref name="rows"/>, shuffled.</summary>
    static int[] Outcomes(int rows, int correct, int seed)
    {
        var outcomes = Enumerable.Range(0, rows).Select(i => i < correct ? 1 : 0).ToArray();
        new Random(seed).Shuffle(outcomes);
        return outcomes;
    }

    static Func<int[], double> Accuracy(int[] outcomes) => indices => indices.Average(i => outcomes[i]);

    [Fact]
    public void IntervalCoversAKnownDifferenceWithTheWidthTheNormalApproximationGives()
    {
        // A is right on exactly 80% of 2000 rows, B on 70%: the difference is 0.10, and its standard error
        // √(0.8·0.2/2000 + 0.7·0.3/2000) = 0.0136, so a 95% interval is about ±0.0267.
        var (a, b) = (Outcomes(2000, 1600, 1), Outcomes(2000, 1400, 2));

        var interval = BootstrapDifference.Of(Accuracy(a), a.Length, Accuracy(b), b.Length);

        Assert.Equal(0.10, interval.Difference, 1e-12);
        Assert.InRange(0.10, interval.Lower, interval.Upper);
        Assert.InRange((interval.Upper - interval.Lower) / 2, 0.0267 * 0.85, 0.0267 * 1.15);
        Assert.Equal(Interval.ABetter, interval.Verdict);
    }

    [Fact]
    public void IntervalsCoverThePopulationDifferenceAboutAsOftenAsTheyClaim()
    {
        // 200 experiments drawn from populations whose accuracies differ by exactly 0.05 (0.75 against 0.70).
        var random = new Random(11);
        var covered = 0;
        for (var experiment = 0; experiment < 200; experiment++)
        {
            var a = Enumerable.Range(0, 400).Select(_ => random.NextDouble() < 0.75 ? 1 : 0).ToArray();
            var b = Enumerable.Range(0, 400).Select(_ => random.NextDouble() < 0.70 ? 1 : 0).ToArray();
            var interval = BootstrapDifference.Of(Accuracy(a), a.Length, Accuracy(b), b.Length, resamples: 300, seed: experiment);
            if (interval.Lower <= 0.05 && 0.05 <= interval.Upper) covered++;
        }
        // 95% nominal; with 200 experiments the count's standard deviation is about 3, so below 180 is a real miss.
        Assert.InRange(covered, 180, 200);
    }

    [Fact]
    public void EqualQualityEndsWithNoDifference()
    {
        var (a, b) = (Outcomes(1000, 750, 3), Outcomes(1000, 750, 4));

        var interval = BootstrapDifference.Of(Accuracy(a), a.Length, Accuracy(b), b.Length);

        Assert.InRange(0.0, interval.Lower, interval.Upper);
        Assert.Equal(Interval.NoDifference, interval.Verdict);
    }

    [Fact]
    public void TheSameSeedGivesTheSameIntervalAndAnotherSeedAnother()
    {
        var (a, b) = (Outcomes(500, 400, 5), Outcomes(500, 370, 6));

        var first = BootstrapDifference.Of(Accuracy(a), a.Length, Accuracy(b), b.Length, seed: 42);
        var again = BootstrapDifference.Of(Accuracy(a), a.Length, Accuracy(b), b.Length, seed: 42);
        var other = BootstrapDifference.Of(Accuracy(a), a.Length, Accuracy(b), b.Length, seed: 43);

        Assert.Equal(first, again);
        Assert.NotEqual(first.Lower, other.Lower);
    }

    [Fact]
    public void ForALowerIsBetterMetricTheSmallerValueWins()
    {
        // Log loss: A's probabilities are sharper and right, so A's loss is lower and A is better.
        var labels = Enumerable.Range(0, 600).Select(i => i % 3 == 0 ? 1 : 0).ToArray();
        var sharp = labels.Select((l, i) => l == 1 ? 0.8 + (i % 7) * 0.01 : 0.15 + (i % 5) * 0.01).ToArray();
        var vague = labels.Select((l, i) => l == 1 ? 0.55 + (i % 7) * 0.01 : 0.4 + (i % 5) * 0.01).ToArray();

        var interval = BootstrapDifference.Binary("log_loss", (labels, sharp, 0.5), (labels, vague, 0.5), resamples: 200);
        var auc = BootstrapDifference.Binary("auc", (labels, sharp, 0.5), (labels, vague, 0.5), resamples: 200);

        Assert.True(interval.Upper < 0, $"log loss difference {interval}");
        Assert.Equal(Interval.ABetter, interval.Verdict);
        Assert.Equal(0.0, auc.Difference, 1e-12); // both rank every positive above every negative
        Assert.Equal(Interval.NoDifference, auc.Verdict);
    }

    [Fact]
    public void AnUnknownMetricIsNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => BootstrapDifference.Binary("aucc", ([1, 0], [0.9, 0.1], 0.5), ([1, 0], [0.9, 0.1], 0.5)));

        Assert.Contains("'aucc'", error.Message);
    }
}
