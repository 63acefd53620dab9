using Trainyard.Data.Drift;
using Trainyard.Runtime.Drift;

namespace Trainyard.Tests.Data.Drift;

public class PsiTests
{
    [Fact]
    public void NumericPsiMatchesNumpyOverReferenceDecileBins()
    {
        // r, c = normals(1, 200), normals(2, 300, 0.3, 1.2)
        // edges = np.unique(np.quantile(r, [k/10 for k in range(1, 10)], method='inverted_cdf'))
        // share(x) = np.bincount(np.searchsorted(edges, x, side='left'), minlength=len(edges)+1) / len(x)
        // a, b = np.maximum(share(r), 1e-4), np.maximum(share(c), 1e-4); np.sum((b - a) * np.log(b / a))
        var psi = Psi.Numeric(Samples.Normal(1, 200), Samples.Normal(2, 300, 0.3, 1.2));
        Assert.Equal(0.14942098898388176, psi, 1e-12);
    }

    [Fact]
    public void CategoricalPsiPutsNewCategoriesInOneUnseenBin()
    {
        // Bins a, b, c, unseen: reference [.5, .3, .2, 0], current [.40, .35, .15, .10];
        // a, b = np.maximum(ref, 1e-4), np.maximum(cur, 1e-4); np.sum((b - a) * np.log(b / a))
        var reference = new CategoryCounts(new Dictionary<string, long> { ["a"] = 50, ["b"] = 30, ["c"] = 20 });
        var current = new CategoryCounts(new Dictionary<string, long> { ["e"] = 4, ["a"] = 40, ["b"] = 35, ["c"] = 15, ["d"] = 6 });
        Assert.Equal(0.7344907451156885, Psi.Categorical(reference, current), 1e-12);
    }

    [Fact]
    public void EqualSharesGiveZero()
    {
        Assert.Equal(0.0, Psi.FromShares([0.2, 0.3, 0.5, 0.0], [0.2, 0.3, 0.5, 0.0]));
    }

    [Fact]
    public void HeavyValueCollapsesDuplicateDecileEdges()
    {
        // 60% zeros: the first six deciles are all 0, so they make one edge.
        var reference = new ExactDistribution(Enumerable.Repeat(0.0, 60).Concat(Enumerable.Range(1, 40).Select(i => (double)i)));
        var edges = DriftBins.NumericEdges(reference);
        Assert.Equal([0.0, 10.0, 20.0, 30.0], edges);
        Assert.Equal(1.0, DriftBins.NumericShares(reference, edges).Sum(), 1e-12);
    }
}
