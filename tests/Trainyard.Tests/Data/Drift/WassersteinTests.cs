using Trainyard.Data.Drift;

namespace Trainyard.Tests.Data.Drift;

public class WassersteinTests
{
    [Fact]
    public void DistanceMatchesScipyOnSamples()
    {
        // scipy.stats.wasserstein_distance(normals(1, 200), normals(2, 300, 0.3, 1.2)) == 0.22933376607313005
        var distance = Wasserstein.Distance(Samples.Normal(1, 200), Samples.Normal(2, 300, 0.3, 1.2));
        Assert.Equal(0.22933376607313005, distance, 1e-4);
    }

    [Fact]
    public void NormedDistanceDividesByReferenceStd()
    {
        // wasserstein_distance(r, c) / np.std(r) == 0.23634698329428552
        var normed = Wasserstein.Normed(Samples.Normal(1, 200), Samples.Normal(2, 300, 0.3, 1.2));
        Assert.Equal(0.23634698329428552, normed, 1e-4);
    }

    [Fact]
    public void ShiftMovesTheDistanceByTheShift()
    {
        var sample = Samples.Normals(3, 400);
        var distance = Wasserstein.Distance(new ExactDistribution(sample), new ExactDistribution(sample.Select(v => v + 2.5)));
        Assert.Equal(2.5, distance, 1e-12);
    }
}
