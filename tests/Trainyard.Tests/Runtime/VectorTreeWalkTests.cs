using System.Runtime.Intrinsics.X86;
using Trainyard.Runtime.Scoring;
using Trainyard.Training;
using Trainyard.Training.MLNet;

namespace Trainyard.Tests.Runtime;

/// <summary>
/// The vector walk (AVX-512, 16 trees per vector, lanes refilled at leaves) gives bit for bit the scalar walk's
/// predictions: the same leaves, added in the same order in float32. On libxgboost's fixture models and on random
/// leaf-wise ensembles with missing values, values equal to thresholds, one-leaf trees, rows wider than the 32
/// values the walk keeps in registers and several outputs. (ML.NET-trained models: VectorWalkParityTests.)
/// </summary>
public sealed class VectorTreeWalkTests
{
    [Fact]
    public async Task ThisMachineWalksVectorsWhereItHasAvx512()
    {
        var fixture = await ParityFixture.LoadAsync("credit");

        Assert.Equal(Avx512F.IsSupported, fixture.Scorer.WalksVectors);
    }

    [Theory]
    [InlineData("credit")]   // binary, 26 features (in registers)
    [InlineData("penguins")] // 3 classes, 9 features
    [InlineData("ames")]     // regression, 309 features (gathered)
    public async Task FixtureModelsPredictTheSameBitsBothWays(string name)
    {
        var fixture = await ParityFixture.LoadAsync(name);
        var matrix = fixture.EncodeAll();
        Assert.Contains(matrix, float.IsNaN);

        AssertSameBits(fixture.Scorer, matrix);
    }

    [Theory]
    [InlineData(1, 3, 1, 1)]
    [InlineData(5, 20, 1, 2)]
    [InlineData(40, 32, 1, 3)]
    [InlineData(100, 33, 1, 4)]
    [InlineData(100, 20, 3, 5)]
    [InlineData(301, 300, 1, 6)]
    [InlineData(97, 9, 4, 7)]
    public void RandomEnsemblesPredictTheSameBitsBothWays(int trees, int features, int outputs, int seed)
    {
        var random = new Random(seed);
        var task = outputs == 1 ? TrainingTask.Regression : TrainingTask.Multiclass(outputs);
        var names = Enumerable.Range(0, features).Select(f => $"f{f}").ToArray();
        var ensemble = Enumerable.Range(0, trees).Select(t => RandomTree(random, features, leaves: t % 7 == 3 ? 1 : random.Next(2, 65), t, t % outputs)).ToArray();
        var scorer = XGBoostScorer.Load(TreeEnsembleExport.Write(task, names, ensemble, 0.5f));
        // Values from the thresholds' own grid, so that many equal a threshold exactly; a fifth missing.
        var rows = Enumerable.Range(0, 500 * features).Select(_ => random.Next(5) == 0 ? float.NaN : Grid(random)).ToArray();

        AssertSameBits(scorer, rows);
    }

    internal static void AssertSameBits(XGBoostScorer scorer, float[] matrix)
    {
        Assert.Equal(Avx512F.IsSupported, scorer.WalksVectors);
        var (width, outputs) = (scorer.FeatureCount, scorer.OutputCount);
        var (vector, scalar) = (new float[outputs], new float[outputs]);
        for (var r = 0; r < matrix.Length / width; r++)
        {
            var row = matrix.AsSpan(r * width, width);
            scorer.Predict(row, vector);
            scorer.Predict(row, scalar, TreeWalk.Scalar);
            for (var k = 0; k < outputs; k++)
                Assert.True(BitConverter.SingleToInt32Bits(vector[k]) == BitConverter.SingleToInt32Bits(scalar[k]),
                    $"row {r} output {k}: vector walk {vector[k]:R}, scalar walk {scalar[k]:R}");
        }
        // A batch takes the vector walk row by row where it can; its sums are the one-tree-over-the-block walk's.
        var batch = new float[matrix.Length / width * outputs];
        scorer.PredictBatch(matrix, batch);
        for (var r = 0; r < matrix.Length / width; r++)
        {
            scorer.Predict(matrix.AsSpan(r * width, width), scalar, TreeWalk.Scalar);
            for (var k = 0; k < outputs; k++)
                Assert.True(BitConverter.SingleToInt32Bits(batch[r * outputs + k]) == BitConverter.SingleToInt32Bits(scalar[k]),
                    $"row {r} output {k}: batch {batch[r * outputs + k]:R}, scalar walk {scalar[k]:R}");
        }
    }

    private static float Grid(Random random) => (random.Next(41) - 20) * 0.25f;

    /// <summary>A leaf-wise tree: a random leaf split until it has <paramref name="leaves"/> leaves, node ids in creation order.</summary>
    private static ExportedTree RandomTree(Random random, int features, int leaves, int round, int group)
    {
        var (left, right, split, condition, defaultLeft) = (new List<int> { -1 }, new List<int> { -1 }, new List<int> { 0 },
            new List<float> { Grid(random) }, new List<bool> { false });
        var open = new List<int> { 0 };
        while (open.Count < leaves)
        {
            var node = open[random.Next(open.Count)];
            open.Remove(node);
            (left[node], right[node], split[node]) = (left.Count, left.Count + 1, random.Next(features));
            (condition[node], defaultLeft[node]) = (Grid(random), random.Next(2) == 0);
            for (var i = 0; i < 2; i++)
            {
                open.Add(left.Count);
                left.Add(-1);
                right.Add(-1);
                split.Add(0);
                condition.Add((float)random.NextDouble() - 0.5f); // a leaf's value
                defaultLeft.Add(false);
            }
        }
        return new ExportedTree([.. left], [.. right], [.. split], [.. condition], [.. defaultLeft], new float[left.Count], round, group);
    }
}
