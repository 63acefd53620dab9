namespace Trainyard.Runtime.Scoring;

/// <summary>The XGBoost objectives the managed scorer evaluates; any other objective is refused when the model loads.</summary>
public enum ModelObjective
{
    /// <summary><c>binary:logistic</c>: one output, the probability of the positive class.</summary>
    BinaryLogistic,
    /// <summary><c>multi:softprob</c>: one probability per class, summing to 1.</summary>
    MultiSoftprob,
    /// <summary><c>reg:squarederror</c>: one output, the predicted value.</summary>
    SquaredError,
}

/// <summary>
/// The link functions exactly as libxgboost 1.7 computes them, in float32 with the C library's expf/logf (which
/// .NET's MathF calls on Linux), so that probabilities agree to the last bit or two rather than merely closely.
/// </summary>
internal static class ObjectiveMath
{
    public static ModelObjective? Parse(string name) => name switch
    {
        "binary:logistic" => ModelObjective.BinaryLogistic,
        "multi:softprob" => ModelObjective.MultiSoftprob,
        "reg:squarederror" or "reg:linear" => ModelObjective.SquaredError,
        _ => null,
    };

    /// <summary>libxgboost stores base_score as a probability for logistic objectives and starts every row's
    /// margin from its log-odds; the other objectives start from base_score itself.</summary>
    public static float BaseMargin(ModelObjective objective, float baseScore)
    {
        if (objective != ModelObjective.BinaryLogistic) return baseScore;
        if (!(baseScore > 0f && baseScore < 1f))
            throw new ModelFormatException($"model: base_score is {baseScore}, but binary:logistic needs a probability strictly between 0 and 1");
        return -MathF.Log(1f / baseScore - 1f);
    }

    /// <summary>XGBoost's sigmoid: the exponent clamped so expf cannot overflow, a tiny epsilon against division by zero.</summary>
    public static float Sigmoid(float margin)
    {
        var exponent = MathF.Min(-margin, 88.7f);
        var denominator = MathF.Exp(exponent) + 1f + 1e-16f;
        return 1f / denominator;
    }

    /// <summary>XGBoost's softmax: shift by the largest margin, exponentiate in float32, sum in float64, divide in float32.</summary>
    public static void Softmax(Span<float> values)
    {
        var largest = values[0];
        for (var i = 1; i < values.Length; i++) largest = MaxIgnoringNaN(values[i], largest);
        double sum = 0;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = MathF.Exp(values[i] - largest);
            sum += values[i];
        }
        var total = (float)sum;
        for (var i = 0; i < values.Length; i++) values[i] /= total;
    }

    // C's fmaxf: a NaN operand is ignored rather than propagated.
    private static float MaxIgnoringNaN(float a, float b) => float.IsNaN(a) ? b : float.IsNaN(b) ? a : MathF.Max(a, b);
}
