using Trainyard.Data.Drift;

namespace Trainyard.Tests.Data.Drift;

public class PValueCorrectionTests
{
    // p = [0.01, 0.04, 0.03, 0.005, 0.2]; the expected values are statsmodels' multipletests definitions,
    // computed with numpy (statsmodels is not installed):
    //   holm: o = np.argsort(p, kind='stable'); run = 0
    //         for j, i in enumerate(o): run = max(run, min(1, p[i] * (m - j))); adj[i] = run
    //   bonferroni: np.minimum(1, p * m)
    private static readonly double[] P = [0.01, 0.04, 0.03, 0.005, 0.2];

    [Fact]
    public void HolmStepsDownAndKeepsOrder()
    {
        var adjusted = PValueCorrection.Adjust(P, PValueCorrectionMethod.Holm);
        Assert.Equal([0.04, 0.09, 0.09, 0.025, 0.2], adjusted, (a, b) => Math.Abs(a - b) < 1e-15);
    }

    [Fact]
    public void BonferroniMultipliesByTheNumberOfTestsCappedAtOne()
    {
        var adjusted = PValueCorrection.Adjust(P, PValueCorrectionMethod.Bonferroni);
        Assert.Equal([0.05, 0.2, 0.15, 0.025, 1.0], adjusted, (a, b) => Math.Abs(a - b) < 1e-15);
    }

    [Fact]
    public void NoneReturnsRawPValues()
    {
        Assert.Equal(P, PValueCorrection.Adjust(P, PValueCorrectionMethod.None));
    }

    [Fact]
    public void HolmIsNeverAboveBonferroni()
    {
        var holm = PValueCorrection.Adjust(P, PValueCorrectionMethod.Holm);
        var bonferroni = PValueCorrection.Adjust(P, PValueCorrectionMethod.Bonferroni);
        Assert.All(holm.Zip(bonferroni), pair => Assert.True(pair.First <= pair.Second));
    }
}
