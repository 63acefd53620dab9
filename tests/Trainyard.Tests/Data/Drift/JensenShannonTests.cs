using Trainyard.Data.Drift;
using Trainyard.Runtime.Drift;

namespace Trainyard.Tests.Data.Drift;

public class JensenShannonTests
{
    [Fact]
    public void DistanceMatchesScipyBase2()
    {
        // scipy.spatial.distance.jensenshannon([1, 2, 3, 0], [0, 2, 2, 4], base=2)
        Assert.Equal(0.6068614799822469, JensenShannon.Distance([1, 2, 3, 0], [0, 2, 2, 4]), 1e-14);
    }

    [Fact]
    public void CategoricalDistanceUsesEveryCategoryOfEitherSide()
    {
        // scipy.spatial.distance.jensenshannon([50, 30, 20, 0, 0], [40, 35, 15, 6, 4], base=2)
        var reference = new CategoryCounts(new Dictionary<string, long> { ["a"] = 50, ["b"] = 30, ["c"] = 20 });
        var current = new CategoryCounts(new Dictionary<string, long> { ["d"] = 6, ["a"] = 40, ["e"] = 4, ["b"] = 35, ["c"] = 15 });
        Assert.Equal(0.2408099402832145, JensenShannon.Categorical(reference, current), 1e-14);
    }

    [Fact]
    public void NumericDistanceMatchesScipyOverReferenceDecileBins()
    {
        // Same bins as PsiTests: jensenshannon(share(r), share(c), base=2) for normals(1, 200), normals(2, 300, 0.3, 1.2)
        var js = JensenShannon.Numeric(Samples.Normal(1, 200), Samples.Normal(2, 300, 0.3, 1.2));
        Assert.Equal(0.1630862677623575, js, 1e-12);
    }

    [Fact]
    public void DisjointDistributionsAreOneApart()
    {
        Assert.Equal(1.0, JensenShannon.Distance([1, 0], [0, 1]), 1e-15);
    }
}
