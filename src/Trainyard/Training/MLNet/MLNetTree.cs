namespace Trainyard.Training.MLNet;

/// <summary>
/// One ML.NET regression tree as ML.NET's <c>RegressionTreeBase</c> shows it, plus what it hides: node <c>i</c>
/// sends a row to <see cref="LeftChild"/> when its value ≤ <see cref="Thresholds"/>[i] (float32), else right; a
/// child <c>c &lt; 0</c> is leaf <c>~c</c>. A missing value (NaN) is first replaced by
/// <see cref="MissingValues"/>[i] (ML.NET's <c>DefaultValueForMissing</c>; LightGBM's trees set it), or, when that
/// is null, compares false and goes right.
/// </summary>
/// <param name="Round">The boosting round the tree belongs to, from 0.</param>
/// <param name="Group">The output it adds to: the class for multiclass, else 0.</param>
internal sealed record MLNetTree(
    int[] LeftChild,
    int[] RightChild,
    int[] Features,
    float[] Thresholds,
    bool[] Categorical,
    double[] LeafValues,
    float[]? MissingValues,
    double[] SplitGains,
    int Round,
    int Group);
