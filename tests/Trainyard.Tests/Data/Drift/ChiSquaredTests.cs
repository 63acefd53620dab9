using Trainyard.Data.Drift;
using Trainyard.Runtime.Drift;

namespace Trainyard.Tests.Data.Drift;

public class ChiSquaredTests
{
    private static CategoryCounts Counts(params (string Category, long Count)[] counts) =>
        new(counts.ToDictionary(c => c.Category, c => c.Count));

    [Theory]
    // scipy.special.gammaincc(a, x)
    [InlineData(0.5, 0.2, 0.5270892568655381)]
    [InlineData(3, 2.5, 0.5438131158833297)]
    [InlineData(10, 20, 0.0049954123083075785)]
    [InlineData(2.5, 30, 1.2154569777183007e-11)]
    [InlineData(50, 40, 0.9296649333406051)]
    public void UpperIncompleteGammaMatchesScipyGammaincc(double a, double x, double expected)
    {
        Assert.Equal(expected, IncompleteGamma.UpperRegularized(a, x), expected * 1e-11);
    }

    [Theory]
    // scipy.special.gammaln(x)
    [InlineData(0.5, 0.5723649429247)]
    [InlineData(1, 0.0)]
    [InlineData(3.7, 1.428072326665388)]
    [InlineData(10, 12.801827480081469)]
    [InlineData(123.4, 469.3360974421906)]
    public void LogGammaMatchesScipyGammaln(double x, double expected)
    {
        Assert.Equal(expected, IncompleteGamma.LogGamma(x), 1e-12);
    }

    [Theory]
    // scipy.stats.chi2.sf(x, k)
    [InlineData(3.84, 1, 0.05004352124870519)]
    [InlineData(11.07, 5, 0.050009618622405425)]
    [InlineData(0.5, 3, 0.9188914116546758)]
    [InlineData(40, 10, 1.694474393006737e-05)]
    [InlineData(100, 4, 9.836624224615988e-21)]
    public void SurvivalMatchesScipyChi2Sf(double x, int k, double expected)
    {
        Assert.Equal(expected, ChiSquared.Survival(x, k), expected * 1e-10);
    }

    [Fact]
    public void TestMatchesScipyChisquareAgainstReferenceShares()
    {
        // scipy.stats.chisquare([40, 45, 15], [50, 30, 20]) -> statistic 10.75, pvalue 0.004630918733533247
        var result = ChiSquared.Test(Counts(("a", 50), ("b", 30), ("c", 20)), Counts(("c", 15), ("a", 40), ("b", 45)));
        Assert.Equal(10.75, result.Statistic, 1e-12);
        Assert.Equal(2, result.DegreesOfFreedom);
        Assert.Equal(0.004630918733533247, result.PValue, 1e-14);
    }

    [Fact]
    public void UnseenCategoriesPoolIntoOneCellWithAHalfCountReferenceShare()
    {
        // d and e are new: one "unseen" cell of 10 with reference share 0.5/100.5.
        // w = 100.5; scipy.stats.chisquare([40, 35, 15, 10], np.array([50/w, 30/w, 20/w, 0.5/w]) * 100)
        //   -> statistic 185.50375, pvalue 5.7123055443944356e-40
        var result = ChiSquared.Test(
            Counts(("a", 50), ("b", 30), ("c", 20)),
            Counts(("a", 40), ("b", 35), ("c", 15), ("d", 6), ("e", 4)));
        Assert.Equal(185.50375, result.Statistic, 1e-9);
        Assert.Equal(3, result.DegreesOfFreedom);
        Assert.Equal(5.7123055443944356e-40, result.PValue, 5.7e-50);
    }

    [Fact]
    public void SingleCategoryOnBothSidesCannotDiffer()
    {
        var result = ChiSquared.Test(Counts(("only", 80)), Counts(("only", 50)));
        Assert.Equal(new ChiSquaredResult(0, 0, 1.0), result);
    }
}
