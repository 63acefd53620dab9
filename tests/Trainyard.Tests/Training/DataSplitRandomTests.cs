using Trainyard.Pipelines;
using Trainyard.Training;

namespace Trainyard.Tests.Training;

/// <summary>The seeded random split: proportions, stratification per class, determinism and left-out rows.</summary>
public class DataSplitRandomTests
{
    private static readonly SplitSpec Spec = new() { TestShare = 0.2, ValidationShare = 0.1, Seed = 42 };

    private static int Count(IEnumerable<int> rows, int[] labels, int label) => rows.Count(row => labels[row] == label);

    [Fact]
    public void EachClassIsSplitInTheSpecProportions()
    {
        // 100 rows of class 0 and 40 of class 1, interleaved: 0 0 1 0 0 1 … then the rest of class 0.
        var labels = Enumerable.Range(0, 140).Select(i => i < 120 && i % 3 == 2 ? 1 : 0).ToArray();
        Assert.Equal(40, labels.Count(l => l == 1));

        var split = DataSplit.Split(Spec, PipelineTask.Binary, labels);

        // Class 0: 100 × 0.2 = 20 test, 100 × 0.1 = 10 validation, 70 train. Class 1: 8, 4, 28.
        Assert.Equal((70, 10, 20), (Count(split.Train, labels, 0), Count(split.Validation, labels, 0), Count(split.Test, labels, 0)));
        Assert.Equal((28, 4, 8), (Count(split.Train, labels, 1), Count(split.Validation, labels, 1), Count(split.Test, labels, 1)));
    }

    [Fact]
    public void SharesRoundToTheNearestRowPerClassHalvesUp()
    {
        // Class 0: 25 rows → test 5, validation 2.5 → 3, train 17. Classes 1 and 2: 7 rows → test 1.4 → 1, validation 0.7 → 1, train 5.
        var labels = Enumerable.Repeat(0, 25).Concat(Enumerable.Repeat(1, 7)).Concat(Enumerable.Repeat(2, 7)).ToArray();

        var split = DataSplit.Split(Spec, PipelineTask.Multiclass, labels);

        Assert.Equal([17, 5, 5], new[] { 0, 1, 2 }.Select(c => Count(split.Train, labels, c)));
        Assert.Equal([3, 1, 1], new[] { 0, 1, 2 }.Select(c => Count(split.Validation, labels, c)));
        Assert.Equal([5, 1, 1], new[] { 0, 1, 2 }.Select(c => Count(split.Test, labels, c)));
    }

    [Fact]
    public void PartsAreDisjointAscendingAndCoverEveryLabelledRow()
    {
        var labels = Enumerable.Range(0, 1000).Select(i => i % 7 == 0 ? DataSplit.MissingLabel : i % 3).ToArray();

        var split = DataSplit.Split(Spec, PipelineTask.Multiclass, labels);

        var all = split.Train.Concat(split.Validation).Concat(split.Test).ToList();
        Assert.Equal(Enumerable.Range(0, 1000).Where(i => i % 7 != 0), all.Order());
        Assert.Equal<int>(split.Test.Order(), split.Test);
        Assert.Equal<int>(split.Train.Order(), split.Train);
        Assert.Equal(143, split.MissingLabelRows);
        Assert.Equal(0, split.MissingTimeRows);
    }

    [Fact]
    public void SameSeedPicksTheSameRowsPinnedForASmallCase()
    {
        // Pinned from an independent Python implementation of SplitMix64 + Lemire + Fisher–Yates over classes in code order.
        var labels = Enumerable.Range(0, 12).Select(i => i % 2).ToArray();

        var first = DataSplit.Split(Spec, PipelineTask.Binary, labels);
        var second = DataSplit.Split(Spec, PipelineTask.Binary, labels);

        Assert.Equal<int>([0, 2, 3, 6, 7, 8, 9, 11], first.Train);
        Assert.Equal<int>([5, 10], first.Validation);
        Assert.Equal<int>([1, 4], first.Test);
        Assert.Equal<int>(first.Train, second.Train);
        Assert.Equal<int>(first.Test, second.Test);
    }

    [Fact]
    public void RegressionIsOneGroupPinnedForTenRows()
    {
        var split = DataSplit.Split(Spec, PipelineTask.Regression, new int[10]);

        Assert.Equal<int>([0, 1, 2, 4, 5, 7, 9], split.Train);
        Assert.Equal<int>([6], split.Validation);
        Assert.Equal<int>([3, 8], split.Test);
    }

    [Fact]
    public void DifferentSeedsPickDifferentRows()
    {
        var labels = Enumerable.Range(0, 500).Select(i => i % 2).ToArray();

        var a = DataSplit.Split(Spec, PipelineTask.Binary, labels);
        var b = DataSplit.Split(Spec with { Seed = 43 }, PipelineTask.Binary, labels);

        Assert.Equal(a.Test.Length, b.Test.Length);
        Assert.NotEqual<int>(a.Test, b.Test);
        // Two independent 100-of-500 draws share about 20 rows; far from all of them.
        Assert.InRange(a.Test.Intersect(b.Test).Count(), 5, 40);
    }

    [Fact]
    public void RowsWithoutALabelAreLeftOutAndCounted()
    {
        int[] labels = [0, -1, 1, 0, 1, -1, 0, 1, 0, 1, 0, 1, 0, 1, -1];

        var split = DataSplit.Split(Spec, PipelineTask.Binary, labels);

        Assert.Equal(3, split.MissingLabelRows);
        Assert.DoesNotContain(1, split.Train.Concat(split.Validation).Concat(split.Test));
        Assert.Equal(12, split.Train.Length + split.Validation.Length + split.Test.Length);
    }

    [Fact]
    public void ClassTooSmallForEveryPartIsNamedWithTheRowsItNeeds()
    {
        var labels = Enumerable.Repeat(0, 50).Concat(Enumerable.Repeat(2, 40)).Concat(Enumerable.Repeat(1, 4)).ToArray();
        var spec = Spec with { Location = new SourceLocation("pipelines/penguins.yml", 20, 3) };

        var error = Assert.Throws<TrainyardException>(() => DataSplit.Split(spec, PipelineTask.Multiclass, labels, classNames: ["Adelie", "Chinstrap", "Gentoo"]));

        Assert.Equal("pipelines/penguins.yml:20:3: class 'Chinstrap' has 4 labelled rows, too few to split: with test_share 0.2 and validation_share 0.1 "
            + "it needs at least 5 to put a row into each of training, validation and test (shares are rounded to the nearest row)", error.Message);
    }

    [Fact]
    public void NoLabelledRowsIsAnError()
    {
        var error = Assert.Throws<TrainyardException>(() => DataSplit.Split(Spec, PipelineTask.Regression, [-1, -1]));

        Assert.StartsWith("the data set has 0 labelled rows, too few to split", error.Message);
    }
}
