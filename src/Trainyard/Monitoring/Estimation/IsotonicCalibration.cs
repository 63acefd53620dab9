using System.Text.Json;

namespace Trainyard.Monitoring.Estimation;

/// <summary>
/// The fitted steps of an isotonic calibration, scikit-learn's <c>X_thresholds_</c> and <c>y_thresholds_</c>: small
/// enough to store beside a model (<c>{"x": [...], "y": [...]}</c>).
/// </summary>
internal sealed record IsotonicThresholds(double[] X, double[] Y)
{
    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static IsotonicThresholds FromJson(string json) =>
        JsonSerializer.Deserialize<IsotonicThresholds>(json, Json) ?? throw new JsonException("The isotonic calibration is null.");
}

/// <summary>
/// Maps a model's score to the probability that the row is positive, fitted on labelled rows (a version's test split):
/// scikit-learn's <c>IsotonicRegression(increasing=True, out_of_bounds="clip")</c>, which NannyML's CBPE uses
/// (nannyml/calibration.py, IsotonicCalibrator). Fit and Apply follow scikit-learn 1.2 step for step, so the numbers
/// agree with it to rounding.
/// </summary>
internal sealed class IsotonicCalibration
{
    /// <summary>numpy's float64 resolution: scikit-learn's <c>_make_unique</c> pools scores closer than this.</summary>
    const double SameScore = 1e-15;

    IsotonicCalibration(IsotonicThresholds thresholds)
    {
        if (thresholds.X.Length == 0 || thresholds.X.Length != thresholds.Y.Length)
            throw new ArgumentException($"An isotonic calibration needs as many y as x values, at least one ({thresholds.X.Length} x, {thresholds.Y.Length} y).");
        Thresholds = thresholds;
    }

    public IsotonicThresholds Thresholds { get; }

    public static IsotonicCalibration From(IsotonicThresholds thresholds) => new(thresholds);

    /// <param name="scores">The model's score per row (binary: the probability of the positive class).</param>
    /// <param name="labels">1 for a positive row, 0 for a negative one.</param>
    public static IsotonicCalibration Fit(ReadOnlySpan<double> scores, ReadOnlySpan<int> labels)
    {
        if (scores.Length != labels.Length) throw new ArgumentException($"{scores.Length} scores but {labels.Length} labels.");
        var kept = new List<int>(scores.Length); // rows without a prediction (NaN) are left out, as Evaluate leaves them out
        for (var i = 0; i < scores.Length; i++)
        {
            if (labels[i] is not (0 or 1)) throw new ArgumentException($"Row {i}: label {labels[i]} is neither 0 nor 1.");
            if (!double.IsNaN(scores[i])) kept.Add(i);
        }
        if (kept.Count == 0) throw new ArgumentException("An isotonic calibration needs at least one labelled row with a score.");

        // Sorted by score, then label (numpy.lexsort((y, X))); equal scores become one point at their mean label.
        var s = new double[kept.Count];
        var l = new int[kept.Count];
        for (var i = 0; i < kept.Count; i++) (s[i], l[i]) = (scores[kept[i]], labels[kept[i]]);
        var order = new int[s.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) => s[a] != s[b] ? s[a].CompareTo(s[b]) : l[a].CompareTo(l[b]));

        var x = new List<double>();
        var y = new List<double>();
        var w = new List<double>();
        double current = s[order[0]], sum = 0, weight = 0;
        for (var k = 0; k <= order.Length; k++)
        {
            if (k == order.Length || s[order[k]] - current >= SameScore)
            {
                x.Add(current);
                y.Add(sum / weight);
                w.Add(weight);
                if (k == order.Length) break;
                (current, sum, weight) = (s[order[k]], 0, 0);
            }
            sum += l[order[k]];
            weight += 1;
        }

        var fitted = y.ToArray();
        PoolAdjacentViolators.InPlace(fitted, [.. w]);
        return new IsotonicCalibration(Trim([.. x], fitted));
    }

    /// <summary>The calibrated probability: clipped to the fitted score range, linear between the fitted points (scipy's interp1d).</summary>
    public double Apply(double score)
    {
        var (x, y) = (Thresholds.X, Thresholds.Y);
        if (x.Length == 1) return y[0];
        var t = Math.Clamp(score, x[0], x[^1]);
        // interp1d: hi = searchsorted(x, t, "left") clipped to [1, n-1], then y_lo + slope·(t − x_lo).
        var hi = Math.Clamp(LowerBound(x, t), 1, x.Length - 1);
        var lo = hi - 1;
        var slope = (y[hi] - y[lo]) / (x[hi] - x[lo]);
        return slope * (t - x[lo]) + y[lo];
    }

    public double[] Apply(ReadOnlySpan<double> scores)
    {
        var calibrated = new double[scores.Length];
        for (var i = 0; i < scores.Length; i++) calibrated[i] = Apply(scores[i]);
        return calibrated;
    }

    /// <summary>
    /// One calibration per class, each fitted on that class's probability against "is this class" (one-vs-rest, as
    /// NannyML's multiclass CBPE does).
    /// </summary>
    public static IReadOnlyList<IsotonicCalibration> FitOneVsRest(ReadOnlySpan<int> labels, IReadOnlyList<double[]> probabilities, int classes)
    {
        var fitted = new IsotonicCalibration[classes];
        var scores = new double[labels.Length];
        var isClass = new int[labels.Length];
        for (var c = 0; c < classes; c++)
        {
            for (var i = 0; i < labels.Length; i++) (scores[i], isClass[i]) = (probabilities[i][c], labels[i] == c ? 1 : 0);
            fitted[c] = Fit(scores, isClass);
        }
        return fitted;
    }

    /// <summary>Keeps the ends and every point whose y differs from a neighbour's (scikit-learn's trim_duplicates).</summary>
    static IsotonicThresholds Trim(double[] x, double[] y)
    {
        var keep = Enumerable.Range(0, x.Length).Where(i => i == 0 || i == x.Length - 1 || y[i] != y[i - 1] || y[i] != y[i + 1]).ToArray();
        return new IsotonicThresholds([.. keep.Select(i => x[i])], [.. keep.Select(i => y[i])]);
    }

    static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
