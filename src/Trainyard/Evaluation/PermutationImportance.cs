using Trainyard.Artifacts.Metrics;

namespace Trainyard.Evaluation;

/// <summary>Permutation importance over any scorer: the matrix goes in row-major, the scorer's output goes to the metric.</summary>
internal static class PermutationImportance
{
    /// <param name="features">Row-major, <paramref name="rows"/> × featureNames.Count.</param>
    /// <param name="score">Scores a row-major matrix with the given number of rows.</param>
    /// <param name="metric">The metric of the scorer's output (e.g. AUC against the test labels); must be defined on the unshuffled data.</param>
    /// <param name="higherIsBetter">Whether a drop is a decrease (AUC) or an increase (RMSE), so every importance reads as "worse by".</param>
    public static PermutationImportanceReport Measure<TOutput>(
        float[] features, int rows, IReadOnlyList<string> featureNames,
        Func<float[], int, TOutput> score, Func<TOutput, double?> metric, string metricName, bool higherIsBetter,
        int repeats = 5, int seed = 42)
    {
        var columns = featureNames.Count;
        if (features.Length != rows * columns)
            throw new ArgumentException($"{features.Length} values is not {rows} rows × {columns} features.");
        if (repeats < 1) throw new ArgumentOutOfRangeException(nameof(repeats), "At least one repeat.");

        var baseline = metric(score(features, rows))
            ?? throw new TrainyardException($"Permutation importance needs a defined {metricName} on the unshuffled rows.");
        var work = (float[])features.Clone();
        var column = new float[rows];
        var results = new FeatureImportance[columns];
        for (var j = 0; j < columns; j++)
        {
            // One generator per feature, seeded by the seed and the feature's position: the same inputs always give
            // the same shuffles, whichever features are measured before. (HashCode is randomised per process: not usable.)
            var random = new Random(unchecked(seed * 1_000_003 + j) & int.MaxValue);
            var drops = new double[repeats];
            for (var r = 0; r < repeats; r++)
            {
                for (var i = 0; i < rows; i++) column[i] = features[i * columns + j];
                random.Shuffle(column);
                for (var i = 0; i < rows; i++) work[i * columns + j] = column[i];
                var permuted = metric(score(work, rows))
                    ?? throw new TrainyardException($"{metricName} became undefined with '{featureNames[j]}' shuffled.");
                drops[r] = higherIsBetter ? baseline - permuted : permuted - baseline;
            }
            for (var i = 0; i < rows; i++) work[i * columns + j] = features[i * columns + j];
            var mean = drops.Average();
            results[j] = new FeatureImportance(featureNames[j], mean, Math.Sqrt(drops.Average(d => (d - mean) * (d - mean))));
        }
        return new PermutationImportanceReport(metricName, baseline, repeats, seed, results);
    }
}
