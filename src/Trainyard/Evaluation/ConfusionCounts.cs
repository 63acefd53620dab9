namespace Trainyard.Evaluation;

/// <summary>The binary confusion matrix at the decision threshold (positive = class 1, predicted when p ≥ threshold).</summary>
internal sealed record ConfusionCounts(int TrueNegatives, int FalsePositives, int FalseNegatives, int TruePositives)
{
    public static ConfusionCounts At(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities, double threshold)
    {
        int tn = 0, fp = 0, fn = 0, tp = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var predicted = probabilities[i] >= threshold;
            if (labels[i] == 1) { if (predicted) tp++; else fn++; }
            else if (predicted) fp++;
            else tn++;
        }
        return new ConfusionCounts(tn, fp, fn, tp);
    }

    public int Rows => TrueNegatives + FalsePositives + FalseNegatives + TruePositives;
}
