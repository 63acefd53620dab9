namespace Trainyard.Tests.Evaluation;

/// <summary>The fixed inputs the scikit-learn reference values were computed on (the Python calls are in each test).</summary>
internal static class Fixtures
{
    // Python: y = np.array(BinaryLabels); p = np.array(BinaryProbabilities); k = ~np.isnan(p); y, p = y[k], p[k]
    public static readonly int[] BinaryLabels = [1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 0];

    /// <summary>Ties at 0.8, 0.6, 0.3 and 0.1; row 18 has no prediction.</summary>
    public static readonly double[] BinaryProbabilities =
        [0.9, 0.8, 0.8, 0.7, 0.6, 0.6, 0.6, 0.5, 0.45, 0.4, 0.35, 0.3, 0.3, 0.2, 0.15, 0.1, 0.1, 0.05, double.NaN, 0.02];

    /// <summary>Slice values of the binary rows: "c" has only label 0; row 18 (no prediction) has no value.</summary>
    public static readonly string?[] BinarySegments =
        ["a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "b", "b", "b", "b", "b", "c", "c", "c", null, "c"];

    public static readonly string[] Species = ["Adelie", "Chinstrap", "Gentoo"];

    public static readonly int[] MulticlassLabels = [0, 1, 2, 2, 1, 0, 2, 1, 0, 2, 1, 0];

    /// <summary>Row 7 has a missing probability; row 4 ties classes 0 and 1 (argmax takes the first).</summary>
    public static readonly double[][] MulticlassProbabilities =
    [
        [.7, .2, .1], [.2, .5, .3], [.1, .3, .6], [.3, .3, .4], [.4, .4, .2], [.5, .25, .25],
        [.2, .5, .3], [double.NaN, .5, .5], [.6, .3, .1], [.1, .1, .8], [.34, .33, .33], [.2, .3, .5],
    ];

    public static readonly double[] RegressionLabels = [3.0, -1.5, 0.0, 7.2, 2.5, 10.0, 4.4, 0.0, -3.3, 6.1];

    /// <summary>Row 4 has no prediction; rows 2 and 7 have label 0.</summary>
    public static readonly double[] RegressionPredictions = [2.5, -1.0, 0.3, 6.0, double.NaN, 11.5, 4.0, -0.2, -2.9, 6.6];
}
