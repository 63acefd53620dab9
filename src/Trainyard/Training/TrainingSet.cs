namespace Trainyard.Training;

/// <summary>
/// Rows ready for a trainer: dense row-major features (NaN = missing), their names, labels and optional weights.
/// Labels are class indices 0..k−1 for classification and the target value for regression.
/// </summary>
public sealed record TrainingSet
{
    public TrainingSet(float[] features, int rows, IReadOnlyList<string> featureNames, float[] labels, float[]? weights = null)
    {
        if (rows <= 0) throw new TrainyardException($"A training set needs at least one row; this one has {rows}.");
        if (featureNames.Count == 0) throw new TrainyardException("A training set needs at least one feature column.");
        if ((long)rows * featureNames.Count != features.Length)
            throw new TrainyardException(
                $"{features.Length} feature values are not {rows} rows × {featureNames.Count} features.");
        if (labels.Length != rows) throw new TrainyardException($"{labels.Length} labels for {rows} rows.");
        if (weights is not null && weights.Length != rows) throw new TrainyardException($"{weights.Length} weights for {rows} rows.");
        var duplicate = featureNames.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new TrainyardException($"Feature '{duplicate.Key}' appears more than once.");
        Features = features;
        Rows = rows;
        FeatureNames = featureNames;
        Labels = labels;
        // Not `Weights = weights`: a null array converts (implicitly) to an empty ReadOnlyMemory, which is not null.
        if (weights is not null) Weights = weights;
    }

    /// <summary>Row-major: the value of feature <c>j</c> in row <c>i</c> is at <c>i × Columns + j</c>.</summary>
    public ReadOnlyMemory<float> Features { get; }

    public int Rows { get; }

    public int Columns => FeatureNames.Count;

    public IReadOnlyList<string> FeatureNames { get; }

    public ReadOnlyMemory<float> Labels { get; }

    /// <summary>Per-row weights, or null for equal weights.</summary>
    public ReadOnlyMemory<float>? Weights { get; }
}
