namespace Trainyard.Artifacts.Metrics;

/// <summary>The binary confusion matrix at the decision threshold (positive = class 1, predicted when p ≥ threshold).</summary>
internal sealed record ConfusionCounts(int TrueNegatives, int FalsePositives, int FalseNegatives, int TruePositives)
{
    public int Rows => TrueNegatives + FalsePositives + FalseNegatives + TruePositives;
}
