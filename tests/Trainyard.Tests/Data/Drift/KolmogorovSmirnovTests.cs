using Trainyard.Data.Drift;

namespace Trainyard.Tests.Data.Drift;

public class KolmogorovSmirnovTests
{
    [Fact]
    public void FirstSamplesMatchThePythonTwin()
    {
        // normals(1, 200)[:3] and normals(2, 300, 0.3, 1.2)[:3] from the Python in Samples.cs.
        Assert.Equal(-1.30911261, Samples.Normals(1, 200)[0], 1e-8);
        Assert.Equal(-0.68996935, Samples.Normals(1, 200)[1], 1e-8);
        Assert.Equal(1.05593003, Samples.Normals(2, 300, 0.3, 1.2)[0], 1e-8);
    }

    [Fact]
    public void StatisticEqualsScipyOnSamplesWithinTheGrid()
    {
        // scipy.stats.ks_2samp(normals(1, 200), normals(2, 300, 0.3, 1.2), method='asymp').statistic == 0.12
        var d = KolmogorovSmirnov.Statistic(Samples.Normal(1, 200), Samples.Normal(2, 300, 0.3, 1.2));
        Assert.Equal(0.12, d, 1e-12);
    }

    [Fact]
    public void PValueIsCloseToScipyAsymptotic()
    {
        // scipy.stats.ks_2samp(normals(1, 200), normals(2, 300, 0.3, 1.2), method='asymp').pvalue == 0.05796867022718439
        var p = KolmogorovSmirnov.PValue(0.12, 200, 300);
        Assert.Equal(0.05796867022718439, p, 0.002);
    }

    [Theory]
    // scipy.stats.kstwobign.sf(λ)
    [InlineData(0.3, 0.9999906941986655)]
    [InlineData(0.5, 0.9639452436648751)]
    [InlineData(0.8, 0.5441424115741981)]
    [InlineData(1.0, 0.26999967167735456)]
    [InlineData(1.36, 0.049485876755377876)]
    [InlineData(2.0, 0.0006709252557796953)]
    public void KolmogorovSurvivalMatchesScipyKstwobign(double lambda, double expected)
    {
        Assert.Equal(expected, KolmogorovSmirnov.KolmogorovSurvival(lambda), 1e-12);
    }

    [Fact]
    public void IdenticalDistributionsHaveZeroStatisticAndPValueOne()
    {
        var sample = Samples.Normal(7, 500);
        var d = KolmogorovSmirnov.Statistic(sample, sample);
        Assert.Equal(0.0, d);
        Assert.Equal(1.0, KolmogorovSmirnov.PValue(d, 500, 500));
    }
}
